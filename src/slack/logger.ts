import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../logger.js";

const TO_PINO: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: "debug",
  [LogLevel.INFO]: "info",
  [LogLevel.WARN]: "warn",
  [LogLevel.ERROR]: "error",
};

/** Bolt's logger interface on top of pino, so Bolt's own logs are structured and redacted like ours. */
export function boltLogger(base: Logger): BoltLogger {
  let log = base.child({ component: "bolt" });
  return {
    debug: (...msg: unknown[]) => log.debug(msg.map(String).join(" ")),
    info: (...msg: unknown[]) => log.info(msg.map(String).join(" ")),
    warn: (...msg: unknown[]) => log.warn(msg.map(String).join(" ")),
    error: (...msg: unknown[]) => log.error(msg.map(String).join(" ")),
    setLevel(level: LogLevel) {
      log.level = TO_PINO[level] ?? "info";
    },
    getLevel(): LogLevel {
      const entry = Object.entries(TO_PINO).find(([, pinoLevel]) => pinoLevel === log.level);
      return (entry?.[0] as LogLevel | undefined) ?? LogLevel.INFO;
    },
    setName(name: string) {
      log = base.child({ component: name });
    },
  };
}
