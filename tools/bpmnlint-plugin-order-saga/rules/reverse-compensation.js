'use strict';

// Rule reverse-compensation: see docs/rules/reverse-compensation.md. The analysis is shared by all rules (lib/saga.js).
const { RULES, rule } = require('../lib/saga');

module.exports = rule(RULES.REVERSE);
