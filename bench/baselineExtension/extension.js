/* global exports */
// An empty activate: what VS Code's activation figures are for an extension that does nothing.
exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
