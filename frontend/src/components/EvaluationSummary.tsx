/** Placeholder (owned by the evaluation screens): the evaluation under review, shown on a task page. */
export function EvaluationSummary({ evaluationId }: { evaluationId: string }) {
  return <p data-evaluation-id={evaluationId}>Evaluasi</p>;
}
