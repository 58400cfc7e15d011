/** Logging: a small interface any logger fits, and a JSON-lines default. */

/** Fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The logger a worker writes to (pino, winston and console fit it). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Log levels, least severe first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/**
 * A logger writing one JSON object per line (`time`, `level`, `message` and
 * the fields) to `stream` (default stderr), from `level` up.
 */
export function jsonLogger(level: LogLevel = "info", stream: NodeJS.WritableStream = process.stderr): Logger {
  const threshold = LEVELS.indexOf(level);
  const write = (at: LogLevel) => (message: string, fields?: LogFields) => {
    if (LEVELS.indexOf(at) < threshold) {
      return;
    }
    const line = { time: new Date().toISOString(), level: at, message, ...fields };
    stream.write(
      `${JSON.stringify(line, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))}\n`,
    );
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** A logger that drops everything. */
export const silentLogger: Logger = Object.freeze({
  debug() {},
  info() {},
  warn() {},
  error() {},
});
