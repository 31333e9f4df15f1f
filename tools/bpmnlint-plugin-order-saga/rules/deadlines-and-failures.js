'use strict';

// Rule deadlines-and-failures: see docs/rules/deadlines-and-failures.md. The analysis is shared by all rules (lib/saga.js).
const { RULES, rule } = require('../lib/saga');

module.exports = rule(RULES.FAILURES);
