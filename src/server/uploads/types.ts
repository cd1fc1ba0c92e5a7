// What the upload intake hands the route: a file on disk under a random name, not yet probed.

export interface ReceivedFile {
  /** Absolute path of the temporary file, named by a random id (never by the client). */
  tmpPath: string;
  /** The client's file name made safe to show (see names.ts); never used as a path. */
  name: string;
  bytes: number;
}
