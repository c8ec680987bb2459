"""Printed documents (reportlab): quotes today; invoices and route sheets use the same base.

Every document embeds the shipped WenQuanYi Micro Hei font, so Chinese prints
and previews on a machine with no Chinese font, and is in its recipient's
language (zh-TW or English) whatever the language of the user printing it.
"""
