// Markdown table cells, for every generated page and report: a `|` in a value would end the cell
// and a line break would end the row, so both are escaped the same way everywhere.

/** `text` as one table cell of a generated doc: pipes escaped, line breaks as spaces (one-line summaries). */
export function tableCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** `text` as one table cell of a plan report, where a message's lines matter: line breaks as `<br>`. */
export function multilineTableCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
