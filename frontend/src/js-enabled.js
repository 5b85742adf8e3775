// Loaded as the first thing in <body>, before any content is painted. A file, not an inline
// script, because the Content-Security-Policy blocks inline scripts. GOV.UK Frontend's CSS keys
// its JavaScript-only styles off these two classes.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
