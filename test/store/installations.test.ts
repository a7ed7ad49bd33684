import { randomBytes } from "node:crypto";
import type { Installation } from "@slack/bolt";
import { afterAll, describe, expect, it } from "vitest";
import { InstallationService } from "../../src/services/installations.js";
import { DatabaseStateStore, InvalidOAuthStateError } from "../../src/services/oauthStates.js";
import { runRetention } from "../../src/services/retention.js";
import { TokenCipher } from "../../src/services/tokenCipher.js";
import { testEngines } from "../support/databases.js";

const engines = testEngines();
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
});

function workspaceInstall(teamId: string, token: string): Installation<"v2", false> {
  return {
    team: { id: teamId, name: "Acme" },
    enterprise: undefined,
    user: { id: "U0123ABCD", token: undefined, scopes: undefined },
    bot: { token, scopes: ["commands", "chat:write"], id: "B0123ABCD", userId: "U0BOT0001" },
    appId: "A0123ABCD",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

describe.each(engines)("installations on $name", (engine) => {
  it("keeps an installation sealed, gives it back to Bolt whole, replaces it on reinstall and deletes it", async () => {
    const db = await engine.fresh();
    const service = new InstallationService(db.store, new TokenCipher(randomBytes(32)));
    await service.storeInstallation(workspaceInstall("T0123ABCD", "xoxb-first-token"));
    const query = { teamId: "T0123ABCD", enterpriseId: undefined, isEnterpriseInstall: false } as const;
    expect((await service.fetchInstallation(query)).bot?.token).toBe("xoxb-first-token");
    // No token in clear anywhere in the row.
    const row = await db.prisma.installation.findUniqueOrThrow({ where: { key: "T0123ABCD" } });
    expect(JSON.stringify(row)).not.toContain("xoxb-");
    expect(row).toMatchObject({
      botUserId: "U0BOT0001",
      scopes: ["commands", "chat:write"],
      installerUserId: "U0123ABCD",
    });
    await service.storeInstallation(workspaceInstall("T0123ABCD", "xoxb-second-token"));
    expect((await service.fetchInstallation(query)).bot?.token).toBe("xoxb-second-token");
    expect(await db.prisma.installation.count()).toBe(1);
    await service.deleteInstallation(query);
    await expect(service.fetchInstallation(query)).rejects.toThrow("no installation for T0123ABCD");
  });

  it("serves every workspace of an organisation from its org-wide installation", async () => {
    const db = await engine.fresh();
    const service = new InstallationService(db.store, new TokenCipher(randomBytes(32)));
    await service.storeInstallation({
      team: undefined,
      enterprise: { id: "E0123ABCD", name: "Acme Group" },
      user: { id: "U0123ABCD", token: undefined, scopes: undefined },
      bot: { token: "xoxb-org-token", scopes: ["commands"], id: "B0123ABCD", userId: "U0BOT0001" },
      isEnterpriseInstall: true,
      authVersion: "v2",
    } as Installation<"v2", true>);
    const inOrg = await service.fetchInstallation({
      teamId: "T0999ZZZZ",
      enterpriseId: "E0123ABCD",
      isEnterpriseInstall: false,
    });
    expect(inOrg.bot?.token).toBe("xoxb-org-token");
  });

  it("re-seals installations an older key sealed with the current one", async () => {
    const db = await engine.fresh();
    const [old, current] = [randomBytes(32), randomBytes(32)];
    const before = new InstallationService(db.store, new TokenCipher(old));
    for (const team of ["T0000AAAA", "T0000BBBB", "T0000CCCC"])
      await before.storeInstallation(workspaceInstall(team, `xoxb-${team}`));
    const rotated = new TokenCipher(current, [old]);
    const after = new InstallationService(db.store, rotated);
    expect(await after.rotate()).toBe(3);
    expect(await after.rotate()).toBe(0);
    expect(new Set((await db.prisma.installation.findMany()).map((r) => r.keyId))).toEqual(
      new Set([rotated.currentKeyId]),
    );
    // Only the current key is needed now.
    const onlyCurrent = new InstallationService(db.store, new TokenCipher(current));
    const query = { teamId: "T0000BBBB", enterpriseId: undefined, isEnterpriseInstall: false } as const;
    expect((await onlyCurrent.fetchInstallation(query)).bot?.token).toBe("xoxb-T0000BBBB");
  });

  it("keeps an install's OAuth state hashed, gives it back once, and not after it expires", async () => {
    const db = await engine.fresh();
    const states = new DatabaseStateStore(db.store.oauthStates, "s".repeat(40), 60_000);
    const now = new Date("2026-12-04T10:00:00Z");
    const options = { scopes: ["commands", "chat:write"] };
    const state = await states.generateStateParam(options, now);
    expect(JSON.stringify(await db.prisma.oAuthState.findMany())).not.toContain(state);
    const taken = Promise.all(
      [states.verifyStateParam(now, state), states.verifyStateParam(now, state)].map((p) =>
        p.then(
          () => "ok",
          () => "refused",
        ),
      ),
    );
    expect((await taken).sort()).toEqual(["ok", "refused"]);

    const stale = await states.generateStateParam(options, now);
    await expect(states.verifyStateParam(new Date(now.getTime() + 61_000), stale)).rejects.toBeInstanceOf(
      InvalidOAuthStateError,
    );
    await states.generateStateParam(options, now);
    expect((await runRetention(db.store, new Date(now.getTime() + 61_000))).oauthStatesPurged).toBe(1);
    expect(await db.prisma.oAuthState.count()).toBe(0);
  });
});
