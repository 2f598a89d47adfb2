/**
 * Text for a VS Code notification (showInformationMessage and its siblings, not modal). VS Code
 * parses the message for `[label](https://…)`, `[label](file:…)` and `[label](command:id?args)`
 * and renders each as a link; a command link runs its command, with its arguments, when clicked
 * (the notification opens it with allowCommands). A flag key, a CI run's name, a switch
 * script's output or a git error quoting a commit subject is data, and may be written exactly
 * so. Every `](` gets a space inside: the text reads the same and no link can form.
 */
export function notificationText(text: string): string {
  return text.replace(/\]\(/g, '] (');
}
