'use strict';

// Rule marked-pivot: see docs/rules/marked-pivot.md. The analysis is shared by all rules (lib/saga.js).
const { RULES, rule } = require('../lib/saga');

module.exports = rule(RULES.PIVOT);
