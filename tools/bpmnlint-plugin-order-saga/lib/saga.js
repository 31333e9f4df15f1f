'use strict';

// The saga analysis behind every rule of this plugin. It reasons over the structure of a process
// (sequence flows, boundary events, compensation associations, task headers, element templates), never
// over ids or names. The Java twin is src/main/java/dev/ordersaga/model/SagaRules.java: both must report
// the same (rule, element, message) for the shared cases in test/fixtures/cases.json.
//
// Works with and without the zeebe moddle extension (Camunda Modeler loads it, the bpmnlint CLI does not).

const JOB_TYPE = 'saga-step';
const STEP_TEMPLATE = 'dev.ordersaga.saga-step';
const COMPENSATION_TEMPLATE = 'dev.ordersaga.saga-compensation';
const ROLE_HEADER = 'sagaRole';
const PIVOT = 'pivot';
const READ_ONLY = 'read-only';
const BRIDGE_HEADERS = [ 'commandType', 'commandTopic', 'eventTopic', 'successEvents' ];
const MAX_PATHS = 10000;

const RULES = {
  COMPENSATED: 'compensated-steps',
  REVERSE: 'reverse-compensation',
  PIVOT: 'marked-pivot',
  FAILURES: 'deadlines-and-failures',
  BRIDGE: 'bridge-task'
};

const typeIs = (element, type) => !!element && element.$type === type;
const definitionsOf = (element, type) => (element.eventDefinitions || []).filter((d) => typeIs(d, type));

function zeebeAttribute(element, name) {
  const fromAttrs = element.$attrs && element.$attrs[`zeebe:${name}`];
  return fromAttrs !== undefined ? fromAttrs : element[name];
}

function extensionsNamed(element, localName) {
  const values = (element.extensionElements && element.extensionElements.values) || [];
  return values.filter((value) => (value.$type || '').toLowerCase() === `zeebe:${localName.toLowerCase()}`);
}

function attribute(node, name) {
  const value = node[name];
  return value !== undefined ? value : node.$attrs && node.$attrs[name];
}

function jobType(element) {
  const definition = extensionsNamed(element, 'taskDefinition')[0];
  return definition ? attribute(definition, 'type') : undefined;
}

function headers(element) {
  const map = new Map();
  for (const container of extensionsNamed(element, 'taskHeaders')) {
    for (const header of container.values || container.$children || []) {
      const key = attribute(header, 'key');
      if (key !== undefined && !map.has(key)) {
        map.set(key, attribute(header, 'value') ?? '');
      }
    }
  }
  return map;
}

const header = (element, key) => (headers(element).get(key) || '').trim();
const list = (value) => (value || '').split(',').map((s) => s.trim()).filter(Boolean);
const template = (element) => zeebeAttribute(element, 'modelerTemplate');
const isSagaTask = (element) => jobType(element) === JOB_TYPE
  || [ STEP_TEMPLATE, COMPENSATION_TEMPLATE ].includes(template(element));
const isForCompensation = (element) => element.isForCompensation === true || element.isForCompensation === 'true';
const isInterrupting = (boundary) => boundary.cancelActivity !== false && boundary.cancelActivity !== 'false';

function push(map, key, value) {
  const values = map.get(key) || [];
  values.push(value);
  map.set(key, values);
}

function reach(from, successors) {
  const seen = new Set();
  const todo = [ ...from ];
  while (todo.length) {
    const node = todo.pop();
    for (const next of successors.get(node) || []) {
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}

/** The findings of every rule for one bpmn:Process, as { rule, id, message } in a stable order. */
function checkProcess(process) {
  const elements = process.flowElements || [];
  const successors = new Map();
  const boundariesOf = new Map();
  for (const element of elements) {
    if (typeIs(element, 'bpmn:SequenceFlow') && element.sourceRef && element.targetRef) {
      push(successors, element.sourceRef, element.targetRef);
    }
    if (typeIs(element, 'bpmn:BoundaryEvent') && element.attachedToRef) {
      push(boundariesOf, element.attachedToRef, element);
    }
  }
  const handlersOf = new Map();
  for (const artifact of process.artifacts || []) {
    if (typeIs(artifact, 'bpmn:Association') && artifact.sourceRef && artifact.targetRef) {
      push(handlersOf, artifact.sourceRef, artifact.targetRef);
    }
  }
  const starts = elements.filter((e) => typeIs(e, 'bpmn:StartEvent'));
  const happy = new Set([ ...starts, ...reach(starts, successors) ]);
  const after = new Map();
  const later = (a, b) => {
    if (!after.has(a)) {
      after.set(a, reach([ a ], successors));
    }
    return after.get(a).has(b);
  };
  const sagaTasks = elements.filter(isSagaTask);
  const forward = sagaTasks.filter((t) => happy.has(t) && !isForCompensation(t));
  const boundaries = (element, type) => (boundariesOf.get(element) || []).filter((b) => definitionsOf(b, type).length > 0);
  const compensationBoundaries = (element) => boundaries(element, 'bpmn:CompensateEventDefinition');
  const failureBoundaries = (element) => (boundariesOf.get(element) || [])
    .filter((b) => isInterrupting(b) && (definitionsOf(b, 'bpmn:ErrorEventDefinition').length || definitionsOf(b, 'bpmn:TimerEventDefinition').length));

  const pivots = forward.filter((t) => header(t, ROLE_HEADER) === PIVOT);
  const pivot = pivots.length === 1 ? pivots[0] : null;
  const afterPivot = (step) => pivot !== null && step !== pivot && later(pivot, step);
  const beforePivot = (step) => step !== pivot && !afterPivot(step);

  const findings = [];
  const seen = new Set();
  const report = (rule, element, message) => {
    const key = `${rule}\n${element.id}\n${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      findings.push({ rule, id: element.id, message });
    }
  };

  // 1. compensated-steps
  for (const step of forward.filter(beforePivot)) {
    if (header(step, ROLE_HEADER) === READ_ONLY) {
      continue;
    }
    const compensations = compensationBoundaries(step);
    if (compensations.length === 0) {
      report(RULES.COMPENSATED, step, `forward step that is not after the pivot has no compensation boundary event: a later failure cannot undo it (mark it ${ROLE_HEADER}=${READ_ONLY} if it changes nothing)`);
    }
    for (const boundary of compensations) {
      const handlers = handlersOf.get(boundary) || [];
      if (handlers.length === 0) {
        report(RULES.COMPENSATED, boundary, 'compensation boundary event has no compensation handler (an association to a task)');
      }
      for (const handler of handlers) {
        if (!isSagaTask(handler) || !header(handler, 'commandType')) {
          report(RULES.COMPENSATED, handler, `compensation handler sends no compensating command (a ${JOB_TYPE} task with a commandType header)`);
        }
      }
    }
  }

  // 2. reverse-compensation
  const compensatable = forward.filter((s) => compensationBoundaries(s).some((b) => (handlersOf.get(b) || []).length > 0));
  const compensatedBy = new Map();
  for (const step of compensatable) {
    for (const boundary of compensationBoundaries(step)) {
      for (const handler of handlersOf.get(boundary) || []) {
        const command = header(handler, 'commandType');
        if (command && !compensatedBy.has(command)) {
          compensatedBy.set(command, step);
        }
      }
    }
  }
  /** What a node compensates: a step, 'all' (a throw without activityRef), or nothing. */
  const compensates = (node) => {
    if (typeIs(node, 'bpmn:IntermediateThrowEvent') || typeIs(node, 'bpmn:EndEvent')) {
      const definition = definitionsOf(node, 'bpmn:CompensateEventDefinition')[0];
      if (definition) {
        return definition.activityRef || 'all';
      }
    }
    if (isSagaTask(node) && !forward.includes(node)) {
      return compensatedBy.get(header(node, 'commandType')) || null;
    }
    return null;
  };
  const failureStarts = [];
  for (const step of forward.filter((s) => !afterPivot(s))) {
    for (const boundary of failureBoundaries(step)) {
      failureStarts.push({ step, boundary });
    }
  }
  const pathsFrom = (boundary, visit) => {
    let count = 0;
    const walk = (node, path) => {
      const nexts = successors.get(node) || [];
      if (nexts.length === 0) {
        count++;
        visit(path);
        return;
      }
      for (const next of nexts) {
        if (count >= MAX_PATHS) {
          return;
        }
        if (!path.includes(next)) {
          walk(next, [ ...path, next ]);
        }
      }
    };
    walk(boundary, [ boundary ]);
    return count < MAX_PATHS;
  };
  for (const { step, boundary } of failureStarts) {
    const required = compensatable.filter((c) => c !== step && later(c, step));
    const relevant = new Set([ ...required, step ]);
    const complete = pathsFrom(boundary, (path) => {
      const sequence = [];
      for (const node of path) {
        const what = compensates(node);
        if (what === 'all') {
          if (required.length > 1) {
            report(RULES.REVERSE, node, 'throws every compensation at once: Zeebe runs the handlers together, not in reverse order; throw one compensation event per step (activityRef)');
          }
          required.forEach((c) => sequence.push({ step: c, node, all: true }));
        } else if (what && relevant.has(what)) {
          sequence.push({ step: what, node, all: false });
        }
      }
      for (const missing of required.filter((c) => !sequence.some((entry) => entry.step === c))) {
        report(RULES.REVERSE, boundary, `a failure path from here does not compensate ${missing.id}, which completed before ${step.id}`);
      }
      for (let i = 0; i < sequence.length; i++) {
        for (let j = i + 1; j < sequence.length; j++) {
          const [ first, second ] = [ sequence[i], sequence[j] ];
          if (!first.all && first.step !== second.step && later(first.step, second.step)) {
            report(RULES.REVERSE, first.node, `compensates ${first.step.id} before ${second.step.id}, which ran after it: compensate in reverse order of the forward steps`);
          }
        }
      }
    });
    if (!complete) {
      report(RULES.REVERSE, boundary, `more than ${MAX_PATHS} failure paths start here; simplify the model so that they can be checked`);
    }
  }

  // 3. marked-pivot
  if (forward.length > 0 && pivots.length === 0) {
    report(RULES.PIVOT, process, `no forward step is marked as the pivot (task header ${ROLE_HEADER}=${PIVOT}): the step after which nothing is compensated must be marked`);
  }
  for (const task of sagaTasks.filter((t) => header(t, ROLE_HEADER) === PIVOT && !forward.includes(t))) {
    report(RULES.PIVOT, task, 'is marked as the pivot but is not a forward step of the saga');
  }
  for (const extra of pivots.slice(1)) {
    report(RULES.PIVOT, extra, `is marked as the pivot, but ${pivots[0].id} is marked too: a saga has one pivot`);
  }
  if (pivot) {
    for (const step of forward.filter(afterPivot)) {
      if (compensationBoundaries(step).length > 0) {
        report(RULES.PIVOT, step, `comes after the pivot ${pivot.id} but has a compensation boundary event: steps after the pivot are retried, never rolled back`);
      }
      const failures = list(header(step, 'failureEvents'));
      if (failures.length > 0) {
        report(RULES.PIVOT, step, `comes after the pivot ${pivot.id} but declares failure events (${failures.join(', ')}): steps after the pivot are retried, never rolled back`);
      }
    }
  }

  // 4. deadlines-and-failures
  for (const step of forward.filter((s) => !afterPivot(s))) {
    const deadlines = boundaries(step, 'bpmn:TimerEventDefinition').filter(isInterrupting);
    if (deadlines.length === 0) {
      report(RULES.FAILURES, step, 'forward step has no deadline: attach an interrupting timer boundary event');
    }
  }
  for (const task of sagaTasks) {
    const caught = boundaries(task, 'bpmn:ErrorEventDefinition')
      .flatMap((b) => definitionsOf(b, 'bpmn:ErrorEventDefinition'))
      .map((d) => d.errorRef && d.errorRef.errorCode)
      .filter(Boolean);
    for (const code of list(header(task, 'failureEvents'))) {
      if (!caught.includes(code)) {
        report(RULES.FAILURES, task, `declares failure event ${code}, but no error boundary event catches error code ${code}: it would raise an incident`);
      }
    }
  }
  for (const { boundary } of failureStarts) {
    pathsFrom(boundary, (path) => {
      const end = path[path.length - 1];
      if (!typeIs(end, 'bpmn:EndEvent') || happy.has(end)) {
        report(RULES.FAILURES, boundary, `a failure path from here ends in ${end.id}, not in a failed end (an end event the saga reaches only after a failure)`);
      }
    });
  }

  // 5. bridge-task
  for (const task of sagaTasks) {
    const missing = BRIDGE_HEADERS.filter((key) => !header(task, key));
    if (jobType(task) !== JOB_TYPE) {
      report(RULES.BRIDGE, task, `uses a saga template but its job type is ${jobType(task) || 'not set'}, not ${JOB_TYPE}: the bridge would never send its command`);
    }
    if (missing.length > 0) {
      report(RULES.BRIDGE, task, `lacks the task header(s) the bridge needs: ${missing.join(', ')}`);
    }
    const expected = isForCompensation(task) ? [ COMPENSATION_TEMPLATE ] : forward.includes(task) ? [ STEP_TEMPLATE ] : [ STEP_TEMPLATE, COMPENSATION_TEMPLATE ];
    if (!expected.includes(template(task))) {
      report(RULES.BRIDGE, task, `does not use the project's element template ${expected.join(' or ')} (it uses ${template(task) || 'none'})`);
    }
    const role = header(task, ROLE_HEADER);
    if (role && role !== PIVOT && role !== READ_ONLY) {
      report(RULES.BRIDGE, task, `has ${ROLE_HEADER}=${role}; allowed are ${PIVOT} and ${READ_ONLY}`);
    }
  }
  return findings;
}

const cache = new WeakMap();

/** The findings of one rule for a bpmn:Process (computed once per process for all rules). */
function findingsOf(process, rule) {
  if (!cache.has(process)) {
    cache.set(process, checkProcess(process));
  }
  return cache.get(process).filter((finding) => finding.rule === rule);
}

/** A bpmnlint rule factory for one of RULES. */
function rule(name) {
  return function() {
    function check(node, reporter) {
      if (node.$type === 'bpmn:Process') {
        for (const finding of findingsOf(node, name)) {
          reporter.report(finding.id, finding.message);
        }
      }
    }
    return { check };
  };
}

module.exports = { RULES, checkProcess, rule };
