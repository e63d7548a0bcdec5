/** Markdown from the server (a task's instructions) as safe HTML: marked, then DOMPurify. */
import DOMPurify from "dompurify";
import { marked } from "marked";
import { useMemo } from "react";

export function Markdown({ text, className = "" }: { text: string; className?: string }) {
  const html = useMemo(() => {
    const raw = marked.parse(text ?? "", { async: false, gfm: true, breaks: true }) as string;
    return DOMPurify.sanitize(raw, { USE_PROFILES: { html: true } });
  }, [text]);
  return <div className={`k-markdown ${className}`.trim()} dangerouslySetInnerHTML={{ __html: html }} />;
}
