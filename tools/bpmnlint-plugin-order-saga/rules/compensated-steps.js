'use strict';

// Rule compensated-steps: see docs/rules/compensated-steps.md. The analysis is shared by all rules (lib/saga.js).
const { RULES, rule } = require('../lib/saga');

module.exports = rule(RULES.COMPENSATED);
