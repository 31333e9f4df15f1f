'use strict';

// The saga rules under bpmnlint's RuleTester, on the shared cases of test/fixtures/cases.json: a case
// that expects no finding of a rule is a valid model for it, the others are invalid with exactly the
// expected reports. Run from tools/model-checks (which has bpmnlint): `npm test` there.
// node:test provides describe/it/beforeEach, which the RuleTester expects as globals (mocha style).

const { describe, it, beforeEach } = require('node:test');
Object.assign(globalThis, { describe, it, beforeEach });

const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert');
const vm = require('node:vm');
const Linter = require('bpmnlint/lib/linter');
const RuleTester = require('bpmnlint/lib/testers/rule-tester');
const { createModdle } = require('bpmnlint/lib/testers/helper');
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');

const plugin = require('..');
const fixtures = path.join(__dirname, 'fixtures');
const { cases } = JSON.parse(fs.readFileSync(path.join(fixtures, 'cases.json'), 'utf8'));

function xmlOf(testCase) {
  let xml = fs.readFileSync(path.join(fixtures, testCase.file), 'utf8');
  for (const [ from, to ] of testCase.replace) {
    assert.ok(xml.includes(from), `${testCase.name}: "${from}" is not in ${testCase.file}`);
    xml = xml.replace(from, to);
  }
  return xml;
}

const ruleNames = Object.keys(plugin.configs.recommended.rules);

// With the zeebe extension (as in Camunda Modeler and check.mjs) and without it (as the bpmnlint CLI).
// Parsed once per case and flavour: the rules only read the model.
const flavours = [ [ 'zeebe moddle', { zeebe } ], [ 'plain moddle', {} ] ];
const parsed = cases.map((testCase) => flavours.map(([ flavour, extensions ]) => ({ flavour, moddle: createModdle(xmlOf(testCase), extensions) })));

describe('the recommended configuration has every rule and every rule has a doc page', () => {
  it('lists the rule files', () => {
    const files = fs.readdirSync(path.join(__dirname, '..', 'rules')).map((f) => f.replace(/\.js$/, '')).sort();
    assert.deepStrictEqual([ ...ruleNames ].sort(), files);
    for (const name of ruleNames) {
      assert.ok(fs.existsSync(path.join(__dirname, '..', 'docs', 'rules', `${name}.md`)), `docs/rules/${name}.md`);
    }
  });
});

for (const name of ruleNames) {
  const rule = require(`../rules/${name}`);
  const valid = [];
  const invalid = [];
  for (const [ index, testCase ] of cases.entries()) {
    for (const { flavour, moddle: moddleElement } of parsed[index]) {
      const report = testCase.expect.filter((finding) => finding.rule === name).map(({ id, message }) => ({ id, message }));
      const entry = { name: `${testCase.name} (${flavour})`, moddleElement };
      if (report.length === 0) {
        valid.push(entry);
      } else {
        invalid.push({ ...entry, report });
      }
    }
  }
  assert.ok(valid.length > 0 && invalid.length > 0, `${name} needs valid and invalid cases`);
  RuleTester.verify(name, rule, { valid, invalid });
}

describe('the Camunda Modeler plugin (modeler/client.js, built by modeler/build.js)', () => {
  const { bundle } = require('../modeler/build');
  const script = bundle();

  it('registers lint rules for Camunda 8 diagrams that find what the plugin finds', async () => {
    const window = {};
    vm.runInNewContext(script, { window });
    assert.strictEqual(window.plugins.length, 1);
    const { plugin, type } = window.plugins[0];
    assert.strictEqual(type, 'lintRules.cloud-bpmn');
    const linter = new Linter(plugin);
    for (const [ index, testCase ] of cases.entries()) {
      const { root } = await parsed[index][0].moddle;
      const results = await linter.lint(root);
      const found = Object.entries(results).flatMap(([ rule, reports ]) => reports.map((r) => ({ rule: rule.replace('order-saga/', ''), id: r.id, message: r.message })));
      const byRule = (findings) => ruleNames.map((name) => findings.filter((f) => f.rule === name));
      assert.deepStrictEqual(byRule(found), byRule(testCase.expect), testCase.name);
    }
  });
});
