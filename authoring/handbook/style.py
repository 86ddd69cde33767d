"""The handbook's stylesheet, inlined in the file: readable on screen, paginated in print."""

CSS = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #bdbdbd; --accent: #0b5394; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 48rem; padding: 1rem 1.5rem 3rem; color: var(--ink);
  font-family: Georgia, "Noto Serif", serif; line-height: 1.55; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #e8a100; outline-offset: 2px; }
.skip-link { position: absolute; inset-inline-start: .5rem; top: .5rem; transform: translateY(-300%); background: #fff; }
.skip-link:focus { transform: none; }  /* moved up, not sideways: no overflow in right-to-left pages */
main:focus { outline: none; }
header.cover { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; }
header.cover .kind { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0; }
header.cover h1 { font-size: 2.1rem; margin: .2rem 0; }
.subtitle { color: var(--muted); }
nav.toc ol { padding-inline-start: 1.4rem; } nav.toc li { margin: .15rem 0; }
section.module, section.part, section.annex { border-top: 1px solid var(--line); margin-top: 2rem; }
article.lesson { margin-top: 1.5rem; }
.unit h4 { margin-bottom: .3rem; }
.block { margin: .8rem 0; }
.block img { max-width: 100%; height: auto; }
.label { font-weight: bold; margin-bottom: .2rem; }
.question, .xblock, .video, .discussion, .ora { border-inline-start: 4px solid var(--line); padding-inline-start: .8rem; }
.see-annex, .back, .from, .image-note, .file-name { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .2rem .5rem; }
.tree > li { margin-bottom: 1rem; } .tree .node { font-weight: bold; }
.tree .outcome .node { color: #1e4d2b; }
.critical { color: #8a1414; }
.consequence, .coaching { margin-inline-start: 1rem; }
.exhibit { border: 1px solid var(--line); padding: .3rem .8rem; margin: .6rem 0; }
.answers > li { margin-bottom: 1rem; }
footer { border-top: 1px solid var(--line); margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@page { margin: 2cm 1.8cm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .skip-link, .see-annex a::after { display: none; }
  nav.toc { break-after: page; }
  section.module, section.part, section.annex { break-before: page; border-top: none; margin-top: 0; }
  article.lesson, .exhibit, .tree > li, .answers > li { break-inside: avoid-page; }
  h2, h3, h4 { break-after: avoid-page; }
  a { color: inherit; text-decoration: none; }
}
"""
