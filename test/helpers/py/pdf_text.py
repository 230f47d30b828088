"""Extracts the text of a PDF with pypdf (a second extractor beside poppler's pdftotext) and prints it."""
import sys

from pypdf import PdfReader

print("\n".join(page.extract_text() or "" for page in PdfReader(sys.argv[1]).pages))
