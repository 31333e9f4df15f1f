'use strict';

// Rule bridge-task: see docs/rules/bridge-task.md. The analysis is shared by all rules (lib/saga.js).
const { RULES, rule } = require('../lib/saga');

module.exports = rule(RULES.BRIDGE);
