// @ts-check
/**
 * gearshift/notification-text: VS Code renders `[label](command:id?args)` in a notification's
 * message as a link that runs the command when clicked. Data in a message (a flag key, a folder
 * or branch name, a script's output) could be exactly that, so a message built from a template
 * with `${…}` must go through notificationText() (core/format), which breaks every `](`.
 */

const SHOW = /^show(Information|Warning|Error)Message$/;

/** @type {import('eslint').Rule.RuleModule} */
export const notificationTextRule = {
  meta: {
    type: 'problem',
    docs: { description: 'a notification built with data goes through notificationText()' },
    messages: { raw: 'data in a notification could become a command link: wrap the message in notificationText() (core/format).' },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !SHOW.test(callee.property.name)) { return; }
        const first = node.arguments[0];
        if (first && first.type === 'TemplateLiteral' && first.expressions.length > 0) { context.report({ node: first, messageId: 'raw' }); }
      },
    };
  },
};
