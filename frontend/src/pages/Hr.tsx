/** Placeholder: built next (issue 12). */
export default function Hr() {
  return <h1>Hr</h1>;
}
