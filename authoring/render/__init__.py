"""Stage 4, render: Markdown → HTML, quizzes → CAPA XML, scenarios and cases → their XBlocks' OLX."""
