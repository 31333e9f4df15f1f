#!/usr/bin/env node
// Build checks for the process models and the element templates (run by `./mvnw verify`, see pom.xml).
//
//  1. Every element template under connectors/ validates against the official Zeebe element template
//     JSON schema (@bpmn-io/element-templates-validator, which embeds
//     @camunda/zeebe-element-templates-json-schema), has $schema, id and version, and the (id, version)
//     pairs are unique; templates in a versioned/ folder are older versions of a current template.
//  2. Every BPMN file under processes/ parses cleanly, passes bpmnlint's recommended rules plus Camunda's
//     compatibility rules for the execution platform it targets (Camunda 8.8), the saga rules of this project
//     (bpmnlint-plugin-order-saga: compensations, their order, the pivot, deadlines, the bridge's headers),
//     and has diagram interchange
//     (a BPMNShape or BPMNEdge) for every flow element, boundary event, artifact and association.
//  3. Every templated element in processes/ conforms to its template (what Camunda Modeler shows and what
//     re-applying the template would write): hidden values are the template's, required fields are set,
//     patterns and dropdown choices hold, and there is no header or mapping the template does not know.
//  4. Every failure event of a saga step is caught by an error boundary event (or error event
//     sub-process) with that error code: the bridge throws it as a BPMN error.
//
// Usage: node check.mjs [repository root]   (default: two levels above this file)
// Exit code 0 when everything holds, 1 otherwise; every problem is printed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { BpmnModdle } from 'bpmn-moddle';
import { validateZeebe, getZeebeSchemaVersion } from '@bpmn-io/element-templates-validator';

const require = createRequire(import.meta.url);
const zeebeModdle = require('zeebe-bpmn-moddle/resources/zeebe.json');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, '..', '..'));

/** The Camunda version the models are written for; the lint rules and the templates' engines follow it. */
const TARGET_PLATFORM = 'Camunda Cloud';
const TARGET_VERSION = '8.8';
// The lint configuration is .bpmnlintrc next to this file, which `npx bpmnlint FILE` uses too: recommended,
// Camunda compatibility and the saga rules of this project (tools/bpmnlint-plugin-order-saga, README.md
// "Saga rules").
const LINT_CONFIG = { extends: JSON.parse(fs.readFileSync(path.join(here, '.bpmnlintrc'), 'utf8')).extends };
for (const expected of [`plugin:camunda-compat/camunda-cloud-${TARGET_VERSION.replace('.', '-')}`, 'plugin:order-saga/recommended']) {
  if (!LINT_CONFIG.extends.includes(expected)) {
    console.error(`tools/model-checks/.bpmnlintrc must extend ${expected}`);
    process.exit(1);
  }
}

const problems = [];
const notes = [];
const rel = (file) => path.relative(root, file);
const fail = (where, message) => problems.push(`${where}: ${message}`);

function listFiles(dir, extension) {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .filter((file) => !file.split(path.sep).includes('node_modules'))
    .sort();
}

// ---------------------------------------------------------------------------------------------------------
// 1. Element templates
// ---------------------------------------------------------------------------------------------------------

/** id → version → { template, file, versioned } */
const templates = new Map();

/**
 * The validator reports a deprecation warning for every value of a `feel: "required"` property, also for
 * values that do start with "=", because it collects the annotation of the non-matching oneOf branch.
 * Such a warning is a false positive exactly when the value starts with "=".
 */
function isFalseFeelWarning(template, warning) {
  const match = /^\/properties\/(\d+)\/value$/.exec(warning.instancePath ?? '');
  if (!match || warning.keyword !== 'deprecated') {
    return false;
  }
  const property = template.properties?.[Number(match[1])];
  return property?.feel === 'required' && typeof property.value === 'string' && property.value.startsWith('=');
}

function checkTemplateFile(file) {
  const where = rel(file);
  const text = fs.readFileSync(file, 'utf8');
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    fail(where, `not valid JSON: ${e.message}`);
    return;
  }
  const result = validateZeebe(text);
  if (!result.valid) {
    for (const error of result.errors) {
      const line = error.dataPointer?.value?.line;
      fail(where, `schema: ${error.instancePath || '/'} ${error.message}${line !== undefined ? ` (line ${line + 1})` : ''}`);
    }
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  for (const warning of result.warnings ?? []) {
    const template = list.length === 1 ? list[0] : undefined;
    if (template && isFalseFeelWarning(template, warning)) {
      continue;
    }
    fail(where, `schema warning (deprecated or discouraged): ${warning.instancePath || '/'} ${warning.message}`);
  }
  const valid = result.valid;
  const versioned = path.relative(path.join(root, 'connectors'), file).split(path.sep).includes('versioned');
  for (const template of list) {
    const name = `${where} (${template.id ?? 'no id'})`;
    if (typeof template.$schema !== 'string' || !template.$schema.includes('zeebe-element-templates-json-schema')) {
      fail(name, '"$schema" must point to the Zeebe element templates JSON schema');
    }
    if (typeof template.id !== 'string' || !template.id) {
      fail(name, 'missing "id"');
      continue;
    }
    if (!Number.isInteger(template.version)) {
      fail(name, 'missing integer "version": diagrams pin the version they were modelled with');
      continue;
    }
    if (template.engines?.camunda === undefined) {
      fail(name, `missing "engines.camunda" (e.g. "^${TARGET_VERSION}")`);
    }
    if (template.icon) {
      fail(name, '"icon" writes zeebe:modelerTemplateIcon into every diagram that uses the template; keep diagrams unchanged and leave it out');
    }
    checkTemplateDefaults(template, name);
    const versions = templates.get(template.id) ?? new Map();
    if (versions.has(template.version)) {
      fail(name, `version ${template.version} of ${template.id} is also defined in ${rel(versions.get(template.version).file)}`);
      continue;
    }
    versions.set(template.version, { template, file, versioned, valid });
    templates.set(template.id, versions);
  }
}

/** A template's own defaults must satisfy its own constraints (a broken pattern fails here too). */
function checkTemplateDefaults(template, name) {
  for (const property of template.properties ?? []) {
    const pattern = property.constraints?.pattern;
    if (pattern !== undefined) {
      try {
        new RegExp(typeof pattern === 'string' ? pattern : pattern.value);
      } catch (e) {
        fail(name, `property ${describeBinding(property.binding)}: pattern is not a valid regular expression: ${e.message}`);
        continue;
      }
    }
    if (property.value !== undefined && property.type !== 'Hidden') {
      for (const message of valueProblems(property, String(property.value))) {
        fail(name, `default of ${describeBinding(property.binding)} ${message}`);
      }
    }
  }
}

function checkTemplateVersions() {
  for (const [id, versions] of templates) {
    const current = [...versions.values()].filter((entry) => !entry.versioned);
    if (current.length !== 1) {
      fail(`connectors (${id})`, `expected exactly one current version outside versioned/, found ${current.length}`);
      continue;
    }
    const latest = current[0].template.version;
    for (const entry of versions.values()) {
      if (entry.versioned && entry.template.version >= latest) {
        fail(rel(entry.file), `${id} version ${entry.template.version} is in versioned/ but the current version is ${latest}; versioned/ keeps older versions only`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Template bindings on a BPMN element (bpmn-moddle with the zeebe extension)
// ---------------------------------------------------------------------------------------------------------

function describeBinding(binding = {}) {
  const detail = binding.property ?? binding.key ?? binding.name ?? binding.source ?? '';
  return `${binding.type}${detail ? ` "${detail}"` : ''}`;
}

const extensions = (bo, type) => (bo.extensionElements?.values ?? []).filter((value) => value.$type === type);
const extension = (bo, type) => extensions(bo, type)[0];

/** The value the element holds for a template binding, or undefined when it holds none. */
function boundValue(bo, binding) {
  switch (binding.type) {
    case 'property': {
      const value = bo.get(binding.name);
      return value === undefined || value === null ? undefined : String(value);
    }
    case 'zeebe:taskDefinition':
      return extension(bo, 'zeebe:TaskDefinition')?.get(binding.property) ?? undefined;
    case 'zeebe:taskDefinition:type':
      return extension(bo, 'zeebe:TaskDefinition')?.get('type') ?? undefined;
    case 'zeebe:input':
      return (extension(bo, 'zeebe:IoMapping')?.inputParameters ?? []).find((p) => p.target === binding.name)?.source;
    case 'zeebe:output':
      return (extension(bo, 'zeebe:IoMapping')?.outputParameters ?? []).find((p) => p.source === binding.source)?.target;
    case 'zeebe:taskHeader':
      return (extension(bo, 'zeebe:TaskHeaders')?.values ?? []).find((h) => h.key === binding.key)?.value;
    default:
      return null; // not understood by this check
  }
}

/** What the properties panel would flag for this value (empty values are handled by the caller). */
function valueProblems(property, value) {
  const messages = [];
  const constraints = property.constraints ?? {};
  if (constraints.notEmpty && value.trim() === '') {
    messages.push('must not be empty');
  }
  if (value !== '') {
    if (constraints.minLength !== undefined && value.length < constraints.minLength) {
      messages.push(`must be at least ${constraints.minLength} characters`);
    }
    if (constraints.maxLength !== undefined && value.length > constraints.maxLength) {
      messages.push(`must be at most ${constraints.maxLength} characters`);
    }
    if (constraints.pattern !== undefined) {
      const pattern = typeof constraints.pattern === 'string' ? constraints.pattern : constraints.pattern.value;
      if (!new RegExp(pattern).test(value)) {
        const hint = typeof constraints.pattern === 'object' && constraints.pattern.message;
        messages.push(`"${value}" does not match ${pattern}${hint ? ` (${hint})` : ''}`);
      }
    }
    if (property.type === 'Dropdown' && !(property.choices ?? []).some((choice) => choice.value === value)) {
      messages.push(`"${value}" is not one of ${(property.choices ?? []).map((c) => c.value).join(', ')}`);
    }
    if (property.feel === 'required' && !value.startsWith('=')) {
      messages.push(`"${value}" must be a FEEL expression (start with "=")`);
    }
  }
  return messages;
}

function checkTemplatedElement(bo, where) {
  const id = bo.get('zeebe:modelerTemplate');
  if (!id) {
    return;
  }
  const version = bo.get('zeebe:modelerTemplateVersion');
  const versions = templates.get(id);
  if (!versions) {
    fail(where, `uses element template ${id}, which is not in connectors/`);
    return;
  }
  const entry = versions.get(Number(version));
  if (!entry) {
    fail(where, `uses ${id} version ${version}, but connectors/ only has version(s) ${[...versions.keys()].join(', ')} (keep old versions in versioned/)`);
    return;
  }
  const template = entry.template;
  const label = `${id}@${template.version}`;
  if (!entry.valid) {
    fail(where, `uses ${label}, which is not a valid element template (see ${rel(entry.file)} above)`);
    return;
  }

  if (template.elementType?.value) {
    if (bo.$type !== template.elementType.value) {
      fail(where, `${label} turns the element into ${template.elementType.value}, but it is a ${bo.$type}`);
    }
    const definition = template.elementType.eventDefinition;
    if (definition && !(bo.eventDefinitions ?? []).some((d) => d.$type === definition)) {
      fail(where, `${label} requires a ${definition}`);
    }
  } else if (!(template.appliesTo ?? []).some((type) => bo.$instanceOf(type))) {
    fail(where, `${label} applies to ${template.appliesTo.join(', ')}, not to a ${bo.$type}`);
  }

  const known = { headers: new Set(), inputs: new Set(), outputs: new Set() };
  for (const property of template.properties ?? []) {
    const binding = property.binding ?? {};
    const name = property.label ? `${property.label} (${describeBinding(binding)})` : describeBinding(binding);
    if (binding.type === 'zeebe:taskHeader') known.headers.add(binding.key);
    if (binding.type === 'zeebe:input') known.inputs.add(binding.name);
    if (binding.type === 'zeebe:output') known.outputs.add(binding.source);

    const value = boundValue(bo, binding);
    if (value === null) {
      fail(where, `${label}: the model check does not understand binding ${describeBinding(binding)}; extend tools/model-checks/check.mjs`);
      continue;
    }
    if (value === undefined || value === '') {
      if (!property.optional) {
        fail(where, `${label}: ${name} is missing${property.type === 'Hidden' ? `; the template sets "${property.value}"` : ''}`);
      }
      continue;
    }
    if (property.type === 'Hidden' || property.editable === false) {
      if (property.value !== undefined && value !== String(property.value)) {
        fail(where, `${label}: ${describeBinding(binding)} is "${value}" but the template fixes "${property.value}"`);
      }
      continue;
    }
    for (const message of valueProblems(property, value)) {
      fail(where, `${label}: ${name} ${message}`);
    }
  }

  for (const header of extension(bo, 'zeebe:TaskHeaders')?.values ?? []) {
    if (!known.headers.has(header.key)) {
      fail(where, `${label}: task header "${header.key}" is not a field of the template (re-applying the template would drop it)`);
    }
  }
  const io = extension(bo, 'zeebe:IoMapping');
  for (const input of io?.inputParameters ?? []) {
    if (!known.inputs.has(input.target)) {
      fail(where, `${label}: input mapping to "${input.target}" is not a field of the template (re-applying the template would drop it)`);
    }
  }
  for (const output of io?.outputParameters ?? []) {
    if (!known.outputs.has(output.source)) {
      fail(where, `${label}: output mapping of "${output.source}" is not a field of the template (re-applying the template would drop it)`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 2.–4. BPMN models
// ---------------------------------------------------------------------------------------------------------

const moddle = new BpmnModdle({ zeebe: zeebeModdle });
const linter = new Linter({ config: LINT_CONFIG, resolver: new NodeResolver({ require }) });

/** Every flow element, recursively through sub-processes, with the container it lives in. */
function* flowElements(container) {
  for (const element of container.flowElements ?? []) {
    yield { element, container };
    if (element.flowElements) {
      yield* flowElements(element);
    }
  }
}

function* artifacts(container) {
  for (const artifact of container.artifacts ?? []) {
    yield artifact;
  }
  for (const element of container.flowElements ?? []) {
    if (element.flowElements) {
      yield* artifacts(element);
    }
  }
}

const EDGE_TYPES = ['bpmn:SequenceFlow', 'bpmn:Association', 'bpmn:MessageFlow', 'bpmn:DataInputAssociation', 'bpmn:DataOutputAssociation'];
const NO_DI_TYPES = ['bpmn:DataObject'];

function checkDiagramInterchange(definitions, processes, where) {
  const di = new Map();
  for (const diagram of definitions.diagrams ?? []) {
    for (const planeElement of diagram.plane?.planeElement ?? []) {
      if (planeElement.bpmnElement) {
        di.set(planeElement.bpmnElement, planeElement);
      } else {
        fail(where, `${planeElement.$type} ${planeElement.id} references no (or an unknown) BPMN element`);
      }
    }
  }
  const expect = (element) => {
    if (NO_DI_TYPES.includes(element.$type)) {
      return;
    }
    const wanted = EDGE_TYPES.some((type) => element.$instanceOf(type)) ? 'bpmndi:BPMNEdge' : 'bpmndi:BPMNShape';
    const found = di.get(element);
    if (!found) {
      fail(`${where} ${element.id}`, `${element.$type} "${element.name ?? ''}" has no ${wanted} in the diagram`);
    } else if (found.$type !== wanted) {
      fail(`${where} ${element.id}`, `${element.$type} is drawn as ${found.$type}, expected ${wanted}`);
    }
  };
  for (const process of processes) {
    for (const { element } of flowElements(process)) expect(element);
    for (const artifact of artifacts(process)) expect(artifact);
    for (const laneSet of process.laneSets ?? []) for (const lane of laneSet.lanes ?? []) expect(lane);
  }
  for (const collaboration of (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Collaboration')) {
    for (const participant of collaboration.participants ?? []) expect(participant);
    for (const messageFlow of collaboration.messageFlows ?? []) expect(messageFlow);
    for (const artifact of collaboration.artifacts ?? []) expect(artifact);
  }
}

const splitList = (value) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Whether an error with this code, thrown by `activity`, is caught (boundary or error event sub-process). */
function isCaught(activity, errorCode, containerOf) {
  const catches = (definition) => definition.$type === 'bpmn:ErrorEventDefinition'
    && (!definition.errorRef || definition.errorRef.errorCode === errorCode);
  for (let scope = activity; scope; scope = containerOf.get(scope)) {
    const container = containerOf.get(scope);
    for (const sibling of container?.flowElements ?? []) {
      if (sibling.$type === 'bpmn:BoundaryEvent' && sibling.attachedToRef === scope
        && (sibling.eventDefinitions ?? []).some(catches)) {
        return true;
      }
    }
    for (const element of scope.flowElements ?? []) {
      if (element.triggeredByEvent) {
        const starts = (element.flowElements ?? []).filter((e) => e.$type === 'bpmn:StartEvent');
        if (starts.some((start) => (start.eventDefinitions ?? []).some(catches))) {
          return true;
        }
      }
    }
  }
  return false;
}

async function checkBpmnFile(file) {
  const where = rel(file);
  const xml = fs.readFileSync(file, 'utf8');
  let parsed;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (e) {
    fail(where, `cannot be parsed: ${e.message}`);
    return;
  }
  const { rootElement: definitions, warnings } = parsed;
  for (const warning of warnings) {
    fail(where, `parse: ${warning.message}`);
  }

  const platform = definitions.$attrs?.['modeler:executionPlatform'];
  const platformVersion = definitions.$attrs?.['modeler:executionPlatformVersion'] ?? '';
  if (platform !== TARGET_PLATFORM || !platformVersion.startsWith(`${TARGET_VERSION}.`)) {
    fail(where, `targets ${platform ?? '?'} ${platformVersion || '?'}; this repository models for ${TARGET_PLATFORM} ${TARGET_VERSION}.x (modeler:executionPlatform / modeler:executionPlatformVersion)`);
  }

  const results = await linter.lint(definitions);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      const line = `${where} ${report.id ?? ''}`.trim();
      const message = `bpmnlint ${rule}: ${report.message}`;
      if (report.category === 'error' || report.category === 'rule-error') {
        fail(line, message);
      } else {
        notes.push(`${line}: ${message} (${report.category})`);
      }
    }
  }

  const processes = (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  checkDiagramInterchange(definitions, processes, where);

  const containerOf = new Map();
  for (const process of processes) {
    if (process.get('zeebe:modelerTemplate')) {
      checkTemplatedElement(process, `${where} ${process.id}`);
    }
    for (const { element, container } of flowElements(process)) {
      containerOf.set(element, container);
    }
  }
  for (const process of processes) {
    for (const { element } of flowElements(process)) {
      const at = `${where} ${element.id}`;
      checkTemplatedElement(element, at);
      const taskDefinition = extension(element, 'zeebe:TaskDefinition');
      if (taskDefinition?.type === 'saga-step') {
        const headers = extension(element, 'zeebe:TaskHeaders')?.values ?? [];
        const failureEvents = splitList(headers.find((h) => h.key === 'failureEvents')?.value);
        for (const code of failureEvents) {
          if (!isCaught(element, code, containerOf)) {
            fail(at, `failure event ${code} is thrown as BPMN error "${code}" but no error boundary event (or error event sub-process) catches that error code; it would raise an incident`);
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------

const templateFiles = listFiles(path.join(root, 'connectors'), '.json');
const bpmnFiles = listFiles(path.join(root, 'processes'), '.bpmn');

console.log(`Model checks in ${root}`);
console.log(`  element templates: ${templateFiles.length} file(s), Zeebe element template schema ${getZeebeSchemaVersion()}`);
console.log(`  BPMN models:       ${bpmnFiles.length} file(s), bpmnlint ${LINT_CONFIG.extends.join(' + ')}`);

if (templateFiles.length === 0) {
  fail('connectors', 'no element templates found');
}
if (bpmnFiles.length === 0) {
  fail('processes', 'no BPMN files found');
}
templateFiles.forEach(checkTemplateFile);
checkTemplateVersions();
for (const file of bpmnFiles) {
  await checkBpmnFile(file);
}

for (const note of notes) {
  console.log(`  note: ${note}`);
}
if (problems.length) {
  console.error(`\nModel checks FAILED with ${problems.length} problem(s):`);
  for (const problem of problems) {
    console.error(`  ✖ ${problem}`);
  }
  process.exit(1);
}
const templateCount = [...templates.values()].reduce((n, versions) => n + versions.size, 0);
console.log(`Model checks passed: ${templateCount} template version(s), ${bpmnFiles.length} BPMN file(s).`);
