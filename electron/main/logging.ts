import log from 'electron-log/main';
import { createLogScrubber } from './log-scrub';
import { configureLog } from './log-setup';

/**
 * The desktop app's log file (electron-log's default place: %APPDATA%\Tanto\logs\main.log),
 * rotated and scrubbed of secrets. `secrets.addSecret` takes each token the app comes to hold.
 */
export const secrets = createLogScrubber();
export const appLog = configureLog(log, { scrubber: secrets });

/** One line of the main process's log, for the modules that take a `log(line)` function. */
export const logLine = (line: string): void => appLog.info(line);
