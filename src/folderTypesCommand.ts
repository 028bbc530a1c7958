// Pauseflow: Add Types to Folder. The TypeScript server plugin gives a folder with nothing installed
// its types; TypeScript's native preview loads no plugins, so this writes them into the folder
// instead, after saying what will be written (src/core/folderTypes.ts does the writing).
import * as vscode from "vscode";

export function registerFolderTypesCommand(extensionPath: string): vscode.Disposable {
  return vscode.commands.registerCommand("pauseflow.addTypesToFolder", async (target?: vscode.Uri) => {
    const folder = (target && vscode.workspace.getWorkspaceFolder(target)) ?? (await pickFolder());
    if (!folder) return undefined;
    // Loaded on use, so that activation does not load the JSONC editor.
    const { planFolderTypes, writeFolderTypes, TYPES_DIR } = await import("./core/folderTypes");
    let plan;
    try {
      plan = planFolderTypes(folder.uri.fsPath, extensionPath);
    } catch (error) {
      void vscode.window.showErrorMessage(`Add Types to Folder: ${(error as Error).message}`);
      return undefined;
    }
    const config = vscode.workspace.asRelativePath(plan.config, false);
    const entries = Object.entries(plan.paths).map(([name, [to]]) => `"${name}": ["${to}"]`);
    const choice = await vscode.window.showWarningMessage(
      `Add the types of "pauseflow" and "zod" to ${folder.name}?`,
      {
        modal: true,
        detail:
          `Writes the declaration files of "pauseflow" and "zod" into ${TYPES_DIR}/ (replacing what is there), ` +
          `and ${plan.configExists ? `adds to ${config}` : `creates ${config} with allowJs and`} these compilerOptions.paths entries:\n${entries.join("\n")}` +
          (plan.configExists ? "\nIts comments and other settings are kept." : ""),
      },
      "Add Types",
    );
    if (choice !== "Add Types") return undefined;
    writeFolderTypes(plan);
    void vscode.window.showInformationMessage(`Added the types of "pauseflow" and "zod" to ${folder.name} (${config}).`);
    return plan.config;
  });
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (!folders[0]) void vscode.window.showInformationMessage("Open a folder to add the types of \"pauseflow\" and \"zod\" to it.");
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: "The folder to add the types of \"pauseflow\" and \"zod\" to" });
}
