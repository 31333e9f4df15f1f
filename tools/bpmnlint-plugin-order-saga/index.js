'use strict';

// bpmnlint plugin of order-saga: the saga rules (README.md, "Saga rules"). Use it with
//   { "extends": "plugin:order-saga/recommended" }
module.exports = {
  configs: {
    recommended: {
      rules: {
        'compensated-steps': 'error',
        'reverse-compensation': 'error',
        'marked-pivot': 'error',
        'deadlines-and-failures': 'error',
        'bridge-task': 'error'
      }
    }
  }
};
