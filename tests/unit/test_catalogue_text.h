// A small, valid catalogue for the parser and lookup tests.
#pragma once

#include <string>

namespace sipcat::test {

inline const std::string kMessages = R"(
# findings.cat
[message silence-invite]
text.en.one: silence-invite {copies} {state} {waited}
text.en.other: silence-invite {copies} {state} {waited}
text.de.one: silence-invite {copies} {state} {waited}
text.de.other: silence-invite {copies} {state} {waited}
[message silence-invite-explanation]
text.en: silence-invite-explanation
text.de: silence-invite-explanation
[message silence-invite-remedy]
text.en: silence-invite-remedy
text.de: silence-invite-remedy
[message silence-register]
text.en.one: silence-register {copies} {state} {waited}
text.en.other: silence-register {copies} {state} {waited}
text.de.one: silence-register {copies} {state} {waited}
text.de.other: silence-register {copies} {state} {waited}
[message silence-register-explanation]
text.en: silence-register-explanation
text.de: silence-register-explanation
[message silence-register-remedy]
text.en: silence-register-remedy
text.de: silence-register-remedy
[message silence-options]
text.en.one: silence-options {copies} {state} {waited}
text.en.other: silence-options {copies} {state} {waited}
text.de.one: silence-options {copies} {state} {waited}
text.de.other: silence-options {copies} {state} {waited}
[message silence-options-explanation]
text.en: silence-options-explanation
text.de: silence-options-explanation
[message silence-options-remedy]
text.en: silence-options-remedy
text.de: silence-options-remedy
[message silence-request]
text.en.one: silence-request {copies} {method} {state} {waited}
text.en.other: silence-request {copies} {method} {state} {waited}
text.de.one: silence-request {copies} {method} {state} {waited}
text.de.other: silence-request {copies} {method} {state} {waited}
[message silence-request-explanation]
text.en: silence-request-explanation
text.de: silence-request-explanation
[message silence-request-remedy]
text.en: silence-request-remedy
text.de: silence-request-remedy
[message silence-no-answer-yet]
text.en: silence-no-answer-yet
text.de: silence-no-answer-yet
[message silence-never-answered]
text.en: silence-never-answered
text.de: silence-never-answered
[message silence-large-udp]
text.en: silence-large-udp {size}
text.de: silence-large-udp {size}
[message silence-no-ack]
text.en.one: silence-no-ack {code} {copies} {state} {waited}
text.en.other: silence-no-ack {code} {copies} {state} {waited}
text.de.one: silence-no-ack {code} {copies} {state} {waited}
text.de.other: silence-no-ack {code} {copies} {state} {waited}
[message silence-no-ack-explanation]
text.en: silence-no-ack-explanation
text.de: silence-no-ack-explanation
[message silence-no-ack-remedy]
text.en: silence-no-ack-remedy
text.de: silence-no-ack-remedy
[message silence-no-ack-yet]
text.en: silence-no-ack-yet
text.de: silence-no-ack-yet
[message silence-never-acked]
text.en: silence-never-acked
text.de: silence-never-acked
[message silence-bye]
text.en: silence-bye {delay}
text.de: silence-bye {delay}
[message silence-bye-explanation]
text.en: silence-bye-explanation
text.de: silence-bye-explanation
[message silence-bye-remedy]
text.en: silence-bye-remedy
text.de: silence-bye-remedy
[message silence-late]
text.en: silence-late {code} {method} {waited}
text.de: silence-late {code} {method} {waited}
[message silence-late-explanation]
text.en: silence-late-explanation
text.de: silence-late-explanation
[message silence-late-remedy]
text.en: silence-late-remedy
text.de: silence-late-remedy
[message silence-limit]
text.en: silence-limit {answers} {requests}
text.de: silence-limit {answers} {requests}
[message silence-title-unanswered]
text.en: silence-title-unanswered {method}
text.de: silence-title-unanswered {method}
[message silence-title-bye]
text.en: silence-title-bye
text.de: silence-title-bye
[message label-unanswered]
text.en: label-unanswered
text.de: label-unanswered
[message label-copies]
text.en: label-copies
text.de: label-copies
[message label-waited]
text.en: label-waited
text.de: label-waited
[message label-ack-missing]
text.en: label-ack-missing
text.de: label-ack-missing
[message label-late]
text.en: label-late
text.de: label-late
[message stats-unanswered]
text.en: stats-unanswered
text.de: stats-unanswered
[message stats-no-ack]
text.en: stats-no-ack
text.de: stats-no-ack
[message stats-late]
text.en: stats-late
text.de: stats-late
[message expert]
text.en: {code} {reason}: {summary} ({rfc})
text.de: {code} {reason}: {summary} ({rfc})
[message expert-with-remedy]
text.en: {code} {reason}: {summary} Remedy: {remedy}
text.de: {code} {reason}: {summary} Abhilfe: {remedy}
[message expert-user]
text.en: {code} {reason}: {summary} (user)
text.de: {code} {reason}: {summary} (Nutzer)
[message basis-line]
text.en: "{quote}" ({rfc})
text.de: „{quote}“ ({rfc})
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
text.en.one: first only
text.en.other: first {count} only
text.de.one: nur der erste
text.de.other: nur die ersten {count}
[message auth-rejected]
text.en: {code} rejected {user}
text.de: {code} lehnt {user} ab
[message auth-rejected-anonymous]
text.en: {code} rejected
text.de: {code} lehnt ab
[message auth-loop]
text.en.zero: no loop {frames}
text.en.one: loop {count} {frames}
text.en.other: loops {count} {frames}
text.de.one: Schleife {count} {frames}
text.de.other: Schleifen {count} {frames}
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
[message warning-lead-defined]
text.en: Warning {code} "{text}" ({rfc}): {explanation}
text.de: Warnung {code} "{text}" ({rfc}): {explanation}
[message retry-after]
text.en: retry {seconds}
text.de: erneut {seconds}
[message class-1]
text.en: Provisional
text.de: Vorläufige Antwort
[message class-2]
text.en: Success
text.de: Erfolg
[message class-3]
text.en: Redirection
text.de: Umleitung
[message class-4]
text.en: Client Error
text.de: Client-Fehler
[message class-5]
text.en: Server Error
text.de: Server-Fehler
[message class-6]
text.en: Global Failure
text.de: Globaler Fehler
[message status-current]
text.en: current
text.de: aktuell
[message status-deprecated]
text.en: deprecated
text.de: veraltet
[message status-obsolete]
text.en: obsolete
text.de: überholt
[message auth-challenge]
text.en: challenge
text.de: Challenge
[message auth-stale]
text.en: stale
text.de: veraltete Nonce
[message auth-rejected-value]
text.en: rejected
text.de: abgelehnt
[message outcome-answered]
text.en: answered
text.de: angenommen
[message outcome-busy]
text.en: busy
text.de: besetzt
[message outcome-no-answer]
text.en: no-answer
text.de: nicht angenommen
[message outcome-rejected]
text.en: rejected
text.de: abgewiesen
[message outcome-cancelled]
text.en: cancelled
text.de: abgebrochen
[message outcome-redirected]
text.en: redirected
text.de: umgeleitet
[message outcome-auth-failed]
text.en: auth-failed
text.de: Authentifizierung fehlgeschlagen
[message outcome-failed]
text.en: failed
text.de: fehlgeschlagen
[message source-builtin]
text.en: builtin
text.de: eingebauter Katalog
[message source-user]
text.en: user
text.de: eigene Tabelle sipcat_overrides
[message value-true]
text.en: True
text.de: ja
[message value-false]
text.en: False
text.de: nein
[message decimal-mark]
text.en: .
text.de: ,
[message label-title]
text.en: SIP Response Catalogue
text.de: SIP-Antwortkatalog
[message label-code]
text.en: Status code
text.de: Statuscode
[message label-class]
text.en: Class
text.de: Klasse
[message label-reason]
text.en: Registered reason phrase
text.de: Registrierte Reason-Phrase
[message label-summary]
text.en: Summary
text.de: Kurzfassung
[message label-explanation]
text.en: Explanation
text.de: Erklärung
[message label-remedy]
text.en: Remedy
text.de: Abhilfe
[message label-rfc]
text.en: Defined in
text.de: Definiert in
[message label-basis]
text.en: RFC text
text.de: Wortlaut im RFC
[message label-note]
text.en: Note
text.de: Hinweis
[message label-status]
text.en: Registry status
text.de: Status in der IANA-Registry
[message label-method]
text.en: Request method
text.de: Methode der Anfrage
[message label-request-frame]
text.en: Request in frame
text.de: Anfrage in Frame
[message label-request-uri]
text.en: Request-URI of the request
text.de: Request-URI der Anfrage
[message label-retransmission]
text.en: Retransmission
text.de: Wiederholung
[message label-auth]
text.en: Authentication
text.de: Authentifizierung
[message label-expected]
text.en: Expected
text.de: Erwartet
[message label-outcome]
text.en: Call outcome
text.de: Ergebnis des Anrufs
[message label-retry-after]
text.en: Retry after (s)
text.de: Erneut versuchen nach (s)
[message label-q850-cause]
text.en: Q.850 cause
text.de: Q.850-Ursache
[message label-q850-explanation]
text.en: Q.850 explanation
text.de: Erklärung der Q.850-Ursache
[message label-reason-sip-cause]
text.en: Reason SIP cause
text.de: SIP-Ursache im Reason-Header
[message label-reason-sip-explanation]
text.en: Reason SIP explanation
text.de: Erklärung der SIP-Ursache im Reason-Header
[message label-reason-text]
text.en: Reason text
text.de: Text im Reason-Header
[message label-warning-code]
text.en: Warn-code
text.de: Warn-Code
[message label-warning-text]
text.en: Warn-text
text.de: Warn-Text
[message label-warning-explanation]
text.en: Warning explanation
text.de: Erklärung des Warn-Codes
[message label-source]
text.en: Text source
text.de: Herkunft des Textes
[message label-known]
text.en: In catalogue
text.de: Im Katalog
[message ref-entry]
text.en: Class {cls} ({class_name}), {status}; defined in {rfc}.
text.de: Klasse {cls} ({class_name}), {status}; definiert in {rfc}.
[message ref-for-method]
text.en: for {method}
text.de: bei {method}
[message ref-unverified]
text.en: (not verified: {rfc} not at hand)
text.de: (nicht geprüft: {rfc} fehlt)
[message ref-not-checked]
text.en: Not checked.
text.de: Nicht geprüft.
[message q850-also]
text.en: Also {sip} {sip_reason}: {when}.
text.de: Auch {sip} {sip_reason}: {when}.
[message cancel-challenged]
text.en: CANCEL challenged: {code}
text.de: CANCEL mit Challenge: {code}
[message auth-cancel-challenged-value]
text.en: cancel-challenged
text.de: CANCEL mit Challenge
[message stats-auth-cancel-challenged]
text.en: Challenges to CANCEL
text.de: Challenges auf CANCEL
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
# the class (1) comes from the code
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
# the class (4) comes from the code
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
# the class (4) comes from the code
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
