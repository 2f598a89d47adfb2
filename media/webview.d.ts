/** What VS Code gives a webview's script (and nothing more: no Node, no vscode module). */
declare function acquireVsCodeApi(): {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
};
