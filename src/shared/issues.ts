// How a problem with a value is told to a person: `color: We don't carry that combination.`

interface Issue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function formatIssue(issue: Issue): string {
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map(formatIssue).join("; ");
}
