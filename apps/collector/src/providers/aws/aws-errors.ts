/**
 * What an operator must change when CloudWatch refuses us. Retrying these cannot help, so the
 * provider logs the fix once per poll and carries on; anything else is thrown as a failure.
 */
const FIXES: Record<string, string> = {
  AccessDenied: 'grant the IAM permission cloudwatch:GetMetricData to the role or user the collector runs as',
  AccessDeniedException: 'grant the IAM permission cloudwatch:GetMetricData to the role or user the collector runs as',
  UnrecognizedClientException:
    'the AWS access key is not known: check the credentials the SDK finds (environment, AWS_PROFILE, web identity)',
  InvalidClientTokenId:
    'the AWS access key is not known: check the credentials the SDK finds (environment, AWS_PROFILE, web identity)',
  SignatureDoesNotMatch: 'the AWS secret key does not match the access key: check the credentials the SDK finds',
  InvalidSignatureException: 'the AWS secret key does not match the access key: check the credentials the SDK finds',
  IncompleteSignature: 'the request signature was refused: check the credentials the SDK finds',
  MissingAuthenticationToken:
    'no AWS credentials were sent: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or a web identity role',
  ExpiredToken: 'the AWS session token has expired: renew the credentials (or let the SDK refresh them from a role)',
  ExpiredTokenException:
    'the AWS session token has expired: renew the credentials (or let the SDK refresh them from a role)',
  CredentialsProviderError:
    'no AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run with an IAM role (instance profile, IRSA service account)',
  InvalidParameterValue: 'CloudWatch rejected the query: check AWS_CPU_*/AWS_MEM_* names and AWS_RESOURCE_IDS',
  InvalidParameterValueException: 'CloudWatch rejected the query: check AWS_CPU_*/AWS_MEM_* names and AWS_RESOURCE_IDS',
  InvalidParameterCombination: 'CloudWatch rejected the query: check AWS_CPU_*/AWS_MEM_* names and AWS_RESOURCE_IDS',
  InvalidParameterCombinationException:
    'CloudWatch rejected the query: check AWS_CPU_*/AWS_MEM_* names and AWS_RESOURCE_IDS',
};

export type AwsConfigProblem = { code: string; message: string; fix: string };

/**
 * The configuration problem behind an SDK error, or null when the error may pass by itself
 * (throttling that outlasted the retries, a network failure) and should be thrown.
 *
 * @example
 * awsConfigProblem(accessDeniedError)?.fix; // 'grant the IAM permission cloudwatch:GetMetricData …'
 */
export function awsConfigProblem(error: unknown): AwsConfigProblem | null {
  if (!(error instanceof Error)) return null;
  const fix = FIXES[error.name];
  return fix ? { code: error.name, message: error.message, fix } : null;
}
