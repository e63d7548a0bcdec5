/** Placeholder: built next (issue 12). */
export default function TaskPage() {
  return <h1>TaskPage</h1>;
}
