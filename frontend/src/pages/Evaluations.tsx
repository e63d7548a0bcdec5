/** Placeholder: built next (issue 12). */
export default function Evaluations() {
  return <h1>Evaluations</h1>;
}
