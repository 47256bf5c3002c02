// What a MULTI's or a pipeline's exec() resolved with, checked: ioredis reports
// each command's error in its result pair, and a MULTI aborted by WATCH as null.
type ExecResults = Array<[error: Error | null, result: unknown]> | null;

/** Throws the first command's error, or that the batch was aborted (`what` names it). */
export function throwOnExecError(results: ExecResults, what: string): void {
  const failed = results?.find(([err]) => err);
  if (!results || failed) throw failed?.[0] ?? new Error(`${what} aborted`);
}
