"""Exports: spreadsheets taken out of Frontdoor (../shared/SECURITY.md, 12 and 13).

Shared by every page that offers a download (the audit trail in `governance`, management
information in `insight`): the workbook writer that escapes formula-like cells and marks every
sheet OFFICIAL-SENSITIVE, the reason form, and the download response. Each caller still checks
its own permission, asks for step-up and writes its own audit event, because what may be
exported, and by whom, is the caller's business.
"""
