"""The surveys' pages: answering without login (``public``), the questionnaires
(``questionnaires``), campaigns (``campaigns``) and their results (``results``)."""
