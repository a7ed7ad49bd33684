import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIOME = join("node_modules", ".bin", "biome");

/** Lints a probe file placed where real code would live (biome.json's overrides decide by path), then removes
 * it. Resolves to the lint's exit code and output. */
async function lintProbe(path: string, source: string): Promise<{ code: number; out: string }> {
  writeFileSync(path, source);
  try {
    const { stdout, stderr } = await run(BIOME, ["lint", path]);
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  } finally {
    rmSync(path, { force: true });
  }
}

describe("layer rules (biome noRestrictedImports, part of npm run lint)", () => {
  it.each([
    [
      "src/slack/listeners/layerProbe.ts",
      'import type { Store } from "../../store/index.js";\nexport type S = Store;\n',
    ],
    [
      "src/cli/layerProbe.ts",
      'import { openDatabase } from "../store/database.js";\nexport const o = openDatabase;\n',
    ],
    [
      "src/jobs/layerProbe.ts",
      'import { recordChecks } from "../store/checks.js";\nexport const r = recordChecks;\n',
    ],
    [
      "src/services/layerProbe.ts",
      'import type { StoredSuggestion } from "../store/suggestions.js";\nexport type S = StoredSuggestion;\n',
    ],
    ["src/domain/layerProbe.ts", 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n'],
    [
      "src/domain/personas/layerProbe.ts",
      'import { triageLead } from "../../services/triageLead.js";\nexport const t = triageLead;\n',
    ],
    [
      "src/domain/lead/layerProbe.ts",
      'import type { SlackDeps } from "../../slack/deps.js";\nexport type D = SlackDeps;\n',
    ],
  ])("refuses a forbidden import in %s", async (path, source) => {
    const { code, out } = await lintProbe(path, source);
    expect(code).not.toBe(0);
    expect(out).toContain("noRestrictedImports");
  });

  it.each([
    [
      "src/cli/storeProbe.ts",
      "export const n = (runtime: { store: { checks: number } }) => runtime.store.checks;\n",
    ],
    [
      "src/slack/listeners/storeProbe.ts",
      "export const s = (db: { store: number }) => {\n  const { store } = db;\n  return store;\n};\n",
    ],
    ["src/jobs/storeProbe.ts", "export const m = (db: { store: number }) => db.store;\n"],
  ])(
    "refuses reaching the store from an entry point: %s (lint/noStoreOutsideServices.grit)",
    async (path, source) => {
      const { code, out } = await lintProbe(path, source);
      expect(code).not.toBe(0);
      expect(out).toContain("never the store");
    },
  );

  it("lets services reach the store", async () => {
    const { code, out } = await lintProbe(
      "src/services/storeProbe.ts",
      "export const n = (runtime: { store: { checks: number } }) => runtime.store.checks;\n",
    );
    expect(out).not.toContain("never the store");
    expect(code).toBe(0);
  });

  it("refuses a path resolved from a module's own place outside src/installPaths.ts (lint/pathsFromInstallPaths.grit)", async () => {
    const { code, out } = await lintProbe(
      "src/services/pathProbe.ts",
      'export const template = new URL("../../pgdata-template", import.meta.url);\n',
    );
    expect(code).not.toBe(0);
    expect(out).toContain("src/installPaths.ts");
  });

  it("accepts the allowed direction: Slack code importing services and domain", async () => {
    const { code } = await lintProbe(
      "src/slack/layerProbe.ts",
      'import type { TriageServices } from "../services/triageLead.js";\nimport type { InputKind } from "../domain/checks.js";\nexport type T = [TriageServices, InputKind];\n',
    );
    expect(code).toBe(0);
  });
});
