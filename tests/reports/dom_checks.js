// Checks of report.html in a real browser, appended as a <script> to a copy of the page; the
// results go into a <pre> element with id dom-checks for `chromium --dump-dom` to print. One line per problem:
//   json-cell <table id>: <cell text>          a main-table cell holds a JSON object
//   svg-text-outside <figure id>: <text>       an <svg> text element lies outside its viewBox
//   figure-without-source <figure id>          a figure has no caption naming its source
// and a last line "checked tables=T cells=C svg-texts=S figures=F".
(function () {
  const problems = [];
  const jsonObject = /\{\s*"[^"]*"\s*:/;
  let cells = 0;
  const tables = document.querySelectorAll('table.main-table, #summary-table');
  tables.forEach(function (table) {
    table.querySelectorAll('td').forEach(function (cell) {
      cells += 1;
      if (jsonObject.test(cell.textContent)) problems.push('json-cell ' + table.id + ': ' + cell.textContent.slice(0, 120));
    });
  });
  let texts = 0;
  document.querySelectorAll('svg').forEach(function (svg) {
    const box = svg.getBoundingClientRect();
    const owner = svg.closest('figure');
    const name = owner && owner.id ? owner.id : (svg.getAttribute('class') || 'svg');
    svg.querySelectorAll('text').forEach(function (text) {
      if (!text.textContent.trim()) return;
      texts += 1;
      const r = text.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;  // not rendered (e.g. inside <defs>)
      const slack = 1.0;
      if (r.left < box.left - slack || r.right > box.right + slack || r.top < box.top - slack ||
          r.bottom > box.bottom + slack) {
        problems.push('svg-text-outside ' + name + ': ' + text.textContent.trim().slice(0, 80));
      }
    });
  });
  const figures = document.querySelectorAll('figure');
  const source = /(Figure|Fig\.|Table|slide|Section|text of the paper|this run|not in the paper)/i;
  figures.forEach(function (figure) {
    const caption = figure.querySelector('figcaption .source');
    if (!caption || !source.test(caption.textContent) || /^Source not recorded/.test(caption.textContent)) {
      problems.push('figure-without-source ' + (figure.id || figure.className));
    }
  });
  const out = document.createElement('pre');
  out.id = 'dom-checks';
  out.textContent = problems.concat(['checked tables=' + tables.length + ' cells=' + cells + ' svg-texts=' + texts +
                                     ' figures=' + figures.length]).join('\n');
  document.body.appendChild(out);
})();
