// A small, valid catalogue for the parser and lookup tests.
#pragma once

#include <string>

namespace sipcat::test {

inline const std::string kMessages = R"(
[message expert]
text.en: {code} {reason}: {summary} ({rfc})
text.de: {code} {reason}: {summary} ({rfc})
[message expert-with-remedy]
text.en: {code} {reason}: {summary} Remedy: {remedy}
text.de: {code} {reason}: {summary} Abhilfe: {remedy}
[message expert-user]
text.en: {code} {reason}: {summary} (user)
text.de: {code} {reason}: {summary} (Nutzer)
[message stats-code]
text.en: {code} {reason}: {summary}
text.de: {code} {reason}: {summary}
[message stats-responses]
text.en: Responses (retransmissions not counted)
text.de: Antworten (ohne Wiederholungen)
[message stats-invalid]
text.en: Invalid status code
text.de: Ungültiger Statuscode
[message stats-retransmissions]
text.en: Retransmitted responses (not counted above)
text.de: Wiederholte Antworten (oben nicht gezählt)
[message stats-diagnoses]
text.en: Diagnoses (responses 3xx-6xx, or missing a header)
text.de: Diagnosen (Antworten 3xx-6xx oder mit fehlendem Header)
[message stats-expected]
text.en: Expected failures (normal protocol flow)
text.de: Erwartete Fehler (normaler Protokollablauf)
[message stats-unexpected]
text.en: Unexpected failures
text.de: Unerwartete Fehler
[message stats-auth-challenge]
text.en: Authentication challenges
text.de: Authentifizierungs-Challenges
[message stats-auth-stale]
text.en: Stale nonce (client retries)
text.de: Veraltete Nonce (Client wiederholt)
[message stats-auth-rejected]
text.en: Credentials rejected
text.de: Zugangsdaten abgelehnt
[message stats-auth-loop]
text.en: Challenge loops
text.de: Challenge-Schleifen
[message stats-missing-header]
text.en: Missing required header
text.de: Fehlender Pflicht-Header
[message stats-outcomes]
text.en: Call outcomes
text.de: Ergebnisse der Anrufe
[message unregistered-reason]
text.en: (unregistered)
text.de: (nicht registriert)
[message unknown-code-summary]
text.en: handled as {fallback} {fallback_reason}: {fallback_summary}
text.de: behandelt wie {fallback} {fallback_reason}: {fallback_summary}
[message unknown-code-explanation]
text.en: {code} is unknown, like {fallback}. {fallback_explanation}
text.de: {code} ist unbekannt, wie {fallback}. {fallback_explanation}
[message unknown-code-remedy]
text.en: As for {fallback}: {fallback_remedy}
text.de: Wie bei {fallback}: {fallback_remedy}
[message out-of-range]
text.en: code {code} out of range
text.de: Code {code} außerhalb
[message malformed-status]
text.en: bad line {line}
text.de: kaputte Zeile {line}
[message undecoded-status]
text.en: not decoded {line}
text.de: nicht dekodiert {line}
[message warnings-cut]
text.en: first {count} only
text.de: nur die ersten {count}
[message auth-rejected]
text.en: {code} rejected {user}
text.de: {code} lehnt {user} ab
[message auth-rejected-anonymous]
text.en: {code} rejected
text.de: {code} lehnt ab
[message auth-loop]
text.en: loop {count} {frames}
text.de: Schleife {count} {frames}
[message missing-header]
text.en: {code} lacks {header}
text.de: {code} ohne {header}
[message phrase-differs]
text.en: {code}: "{wire}" not "{registered}"
text.de: {code}: "{wire}" statt "{registered}"
[message q850-explanation]
text.en: Q.850 {cause} {name} ({class}) -> {sip} {sip_reason}
text.de: Q.850 {cause} {name} ({class}) -> {sip} {sip_reason}
[message q850-explanation-none]
text.en: Q.850 {cause} {name} ({class}) ends calls
text.de: Q.850 {cause} {name} ({class}) beendet
[message q850-unknown]
text.en: Q.850 {cause} unknown
text.de: Q.850 {cause} unbekannt
[message reason-sip]
text.en: SIP {cause} {reason}: {summary}
text.de: SIP {cause} {reason}: {summary}
[message reason-lead]
text.en: Reason: {explanation} {text}
text.de: Grund: {explanation} {text}
[message warning-unknown]
text.en: warn {code} unknown
text.de: Warnung {code} unbekannt
[message warning-lead]
text.en: Warning {code} "{text}": {explanation}
text.de: Warnung {code} "{text}": {explanation}
[message retry-after]
text.en: retry {seconds}
text.de: erneut {seconds}
[message q850-class-0]
text.en: normal
text.de: normal
[message q850-class-1]
text.en: resource
text.de: Ressource
[message q850-class-2]
text.en: service
text.de: Dienst
[message q850-class-3]
text.en: not implemented
text.de: nicht implementiert
[message q850-class-4]
text.en: invalid
text.de: ungueltig
[message q850-class-5]
text.en: protocol
text.de: Protokoll
[message q850-class-6]
text.en: interworking
text.de: Interworking
)";

inline const std::string kCauses = R"(
[q850 16]
name.en: Normal call clearing
name.de: Normale Auslösung
sip: none
[q850 17]
name.en: User busy
name.de: Teilnehmer besetzt
sip: 486
[q850 44]
name.en: Requested circuit/channel not available
name.de: Kanal nicht verfügbar
[warning 305]
text: Incompatible media format
rfc: RFC 3261 §20.43
explanation.en: codec mismatch
explanation.de: Codec-Konflikt
)";

inline const std::string kResponses = R"(
# comment
[183]
reason: Session Progress
status: current
class: 1
rfc: RFC 3261 §21.1.5
summary.en: progress
summary.de: Fortschritt
explanation.en: early media
  continues here
explanation.de: frühe Medien
remedy.en: nothing
remedy.de: nichts

[400]
reason: Bad Request
status: current
class: 4
rfc: RFC 3261 §21.4.1
summary.en: malformed
summary.de: fehlerhaft
explanation.en: could not parse
explanation.de: nicht lesbar
remedy.en: fix syntax
remedy.de: Syntax korrigieren

[401]
reason: Unauthorized
status: current
class: 4
rfc: RFC 3261 §21.4.2; RFC 3261 §22.2
seen-as: Unauthorised | Auth
summary.en: credentials needed
summary.de: Anmeldung nötig
explanation.en: challenge
explanation.de: Herausforderung
remedy.en: general remedy
remedy.de: allgemeine Abhilfe
remedy.en@REGISTER: register remedy
remedy.de@INVITE: Abhilfe INVITE
)";

}  // namespace sipcat::test
