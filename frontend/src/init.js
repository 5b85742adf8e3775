// Starts GOV.UK Frontend's components. Loaded as <script type="module">, so browsers too old for
// ES modules skip it and get the plain HTML pages, which work without JavaScript.
import { initAll } from './govuk-frontend.min.js'

initAll()
