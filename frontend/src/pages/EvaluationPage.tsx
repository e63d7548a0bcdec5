/** Placeholder: built next (issue 12). */
export default function EvaluationPage() {
  return <h1>EvaluationPage</h1>;
}
