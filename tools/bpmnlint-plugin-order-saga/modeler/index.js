'use strict';

// Camunda Desktop Modeler plugin (5.4+): adds the saga rules of bpmnlint-plugin-order-saga to the
// Modeler's built-in linting of Camunda 8 diagrams. Install: link or copy this folder into
// resources/plugins/ of the Modeler (README.md, "Saga rules"), then restart the Modeler.
module.exports = {
  name: 'order-saga: saga rules',
  script: './client.js'
};
