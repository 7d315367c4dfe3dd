"""The page shell shared by the corpus and alignment reports: CSS and a small script, all inline."""

from __future__ import annotations

import html

CSS = """
:root{--bg:#fff;--fg:#1d2330;--mute:#667085;--line:#e4e7ec;--hi:#fff4c2;--pin:#ffe08a;--bad:#d92d20;
--ok:#12805c;--term:#dbeafe;--unk:#fde2e1;--bar:#4f6bed}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:14px 20px 8px;border-bottom:1px solid var(--line)}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:18px 20px 8px}
.sub{color:var(--mute);font-size:13px}
.sig{font:12px ui-monospace,Menlo,Consolas,monospace;color:var(--mute)}
table.sum{border-collapse:collapse;margin:0 20px;font-size:13px}
table.sum th,table.sum td{border-bottom:1px solid var(--line);padding:3px 10px;text-align:right}
table.sum th:first-child,table.sum td:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:10px 24px;padding:4px 20px}
.chart{background:#fafbfc;border:1px solid var(--line);border-radius:6px}
.chart .ct{font-size:11px;font-weight:600;fill:var(--fg)}
.chart .lbl,.chart .val,.chart .tick{font-size:10px;fill:var(--mute)}
.chart .bar{fill:var(--bar)}
.chart .line{fill:none;stroke:var(--bar);stroke-width:1.2}
.chart .axis{stroke:#c8ccd4}.chart .ref{stroke:#c8ccd4;stroke-dasharray:3 3}
.chart .flag{fill:var(--bad);opacity:.8}
.controls{position:sticky;top:0;z-index:3;background:#f6f7f9;border-bottom:1px solid var(--line);
padding:6px 20px;font-size:13px;display:flex;gap:16px;flex-wrap:wrap;align-items:center}
.controls label{white-space:nowrap;cursor:pointer}
.legend mark{margin-right:4px}
.doc{padding:0 12px 40px}
.head,.row{display:grid;grid-template-columns:3.2em repeat(var(--ncols),minmax(13em,1fr));gap:0}
.head{position:sticky;top:34px;z-index:2;background:#fff;border-bottom:2px solid var(--line);font-weight:600}
.head>div{padding:4px 8px}
.para{border-top:1px solid var(--line);margin-top:6px}
.para>.ptitle{font-size:11px;color:var(--mute);padding:2px 8px}
.row{content-visibility:auto;contain-intrinsic-size:auto 3.2em;border-radius:4px;cursor:pointer}
.row:hover{background:var(--hi)}.row.pinned{background:var(--pin)}
.cell{padding:3px 8px;border-left:1px solid var(--line);overflow-wrap:anywhere}
.num{padding:3px 4px;color:var(--mute);font-size:11px;text-align:right}
.num a{color:inherit;text-decoration:none}
.cell.flag{box-shadow:inset 3px 0 0 var(--bad)}
.badge{display:inline-block;font-size:10px;line-height:1.3;padding:0 4px;margin-left:4px;border-radius:3px;
background:var(--bad);color:#fff;vertical-align:1px}
mark{border-radius:2px;padding:0 1px;color:inherit}
mark.term{background:var(--term);border-bottom:2px solid #2563eb}
mark.term.ok{border-bottom-color:var(--ok)}
mark.term.bad{background:#fee4e2;border-bottom:2px solid var(--bad)}
mark.unk{background:var(--unk);text-decoration:underline wavy var(--bad)}
.viol{font-size:11px;color:var(--bad);margin-left:4px;white-space:nowrap}
body.only-flagged .row:not(.has-flag){display:none}
table.beads{border-collapse:collapse;margin:0 20px;font-size:13px}
table.beads td,table.beads th{border-bottom:1px solid var(--line);padding:3px 8px;vertical-align:top;text-align:left}
"""

SCRIPT = """
(function(){
  var doc=document.querySelector('.doc');if(!doc)return;
  var pinned=null;
  function pin(row){if(pinned)pinned.classList.remove('pinned');pinned=row;if(row){row.classList.add('pinned');
    history.replaceState(null,'','#'+row.id);}}
  doc.addEventListener('click',function(e){var row=e.target.closest('.row');if(row&&!e.target.closest('a'))pin(row);});
  function fromHash(){var el=location.hash&&document.getElementById(location.hash.slice(1));
    if(el&&el.classList.contains('row')){pin(el);el.scrollIntoView({block:'center'});}}
  window.addEventListener('hashchange',fromHash);fromHash();
  var style=document.createElement('style');document.head.appendChild(style);
  function cols(){var hidden=[];document.querySelectorAll('input[data-toggle]').forEach(function(b){
    if(!b.checked)hidden.push(b.getAttribute('data-toggle'));});
    var n=parseInt(doc.getAttribute('data-ncols'),10)-hidden.length;
    style.textContent=hidden.map(function(l){return '.doc [data-lang="'+l+'"]{display:none}';}).join('')+
      '.doc{--ncols:'+Math.max(n,1)+'}';}
  document.querySelectorAll('input[data-toggle]').forEach(function(b){b.addEventListener('change',cols);});
  var f=document.getElementById('only-flagged');
  if(f)f.addEventListener('change',function(){document.body.classList.toggle('only-flagged',f.checked);});
})();
"""


def page(title: str, body: str, css: str = "") -> str:
    """A complete, self-contained HTML document (no external resource of any kind).

    Args:
        title: the page title.
        body: the body's HTML.
        css: extra rules for one kind of report, appended after the shared :data:`CSS`.
    """
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{CSS}{css}</style></head>\n<body>\n{body}\n"
            f"<script>{SCRIPT}</script></body></html>\n")
