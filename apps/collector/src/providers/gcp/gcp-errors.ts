import { grpcStatus, grpcStatusName } from './gcp-status';

/** gRPC status code → what the operator must change. Retrying these cannot help. */
const FIXES: Record<number, string> = {
  3: 'Cloud Monitoring rejected the request: check GCP_PROJECT_ID and GCP_INSTANCE_IDS',
  5: 'the project was not found: check GCP_PROJECT_ID (the project id, such as my-project-123456, not its display name)',
  7: "grant the role roles/monitoring.viewer (permission monitoring.timeSeries.list) on the project to the collector's service account",
  16: 'the credentials were refused: check Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, `gcloud auth application-default login`, or the workload identity of the pod)',
};

const NO_CREDENTIALS =
  'no Google credentials found: set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, run `gcloud auth application-default login`, or run on GCP with a service account';

export type GcpConfigProblem = { code: string; message: string; fix: string };

/**
 * The configuration problem behind a client error, or null when the error may pass by itself
 * and should be thrown (the collector then logs a failed poll and tries again next interval).
 *
 * @example
 * gcpConfigProblem(permissionDenied)?.fix; // 'grant the role roles/monitoring.viewer …'
 */
export function gcpConfigProblem(error: unknown): GcpConfigProblem | null {
  if (!(error instanceof Error)) return null;
  const status = grpcStatus(error);
  const fix = status === undefined ? undefined : FIXES[status];
  if (fix && status !== undefined) return { code: grpcStatusName(status), message: error.message, fix };
  if (/default credentials/i.test(error.message))
    return { code: 'NO_CREDENTIALS', message: error.message, fix: NO_CREDENTIALS };
  return null;
}
