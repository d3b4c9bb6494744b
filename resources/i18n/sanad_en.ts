<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>CaseListScreen</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseResultsModel</name>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message numerus="yes">
        <source>%Ln incident(s) with no evidence linked: {refs}</source>
        <translation>
            <numerusform>%Ln incident with no evidence linked: {refs}</numerusform>
            <numerusform>%Ln incidents with no evidence linked: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln statement(s) whose person has no consent covering sharing with the UN: {refs}</source>
        <translation>
            <numerusform>%Ln statement whose person has no consent covering sharing with the UN: {refs}</numerusform>
            <numerusform>%Ln statements whose person has no consent covering sharing with the UN: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s) with no consent record at all: {refs}</source>
        <translation>
            <numerusform>%Ln person with no consent record at all: {refs}</numerusform>
            <numerusform>%Ln people with no consent record at all: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) with no capture time: {refs}</source>
        <translation>
            <numerusform>%Ln evidence item with no capture time: {refs}</numerusform>
            <numerusform>%Ln evidence items with no capture time: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) with no position: {refs}</source>
        <translation>
            <numerusform>%Ln evidence item with no position: {refs}</numerusform>
            <numerusform>%Ln evidence items with no position: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) not linked to any incident: {refs}</source>
        <translation>
            <numerusform>%Ln evidence item not linked to any incident: {refs}</numerusform>
            <numerusform>%Ln evidence items not linked to any incident: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) not verified in the last {days} days: {refs}</source>
        <translation>
            <numerusform>%Ln evidence item not verified in the last {days} days: {refs}</numerusform>
            <numerusform>%Ln evidence items not verified in the last {days} days: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) whose last verification failed: {refs}</source>
        <translation>
            <numerusform>%Ln evidence item whose last verification failed: {refs}</numerusform>
            <numerusform>%Ln evidence items whose last verification failed: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) returned by a supervisor and not submitted again: {refs}</source>
        <translation>
            <numerusform>%Ln record returned by a supervisor and not submitted again: {refs}</numerusform>
            <numerusform>%Ln records returned by a supervisor and not submitted again: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{refs} and %Ln more</source>
        <translation>
            <numerusform>{refs} and %Ln more</numerusform>
            <numerusform>{refs} and %Ln more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustodyView</name>
    <message numerus="yes">
        <source>{size} re-hashed, %n thumbnail(s) checked.</source>
        <translation>
            <numerusform>{size} re-hashed, %n thumbnail checked.</numerusform>
            <numerusform>{size} re-hashed, %n thumbnails checked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found:</source>
        <translation>
            <numerusform>%n problem found:</numerusform>
            <numerusform>%n problems found:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message numerus="yes">
        <source>{shown} of %Ln item(s)</source>
        <translation>
            <numerusform>{shown} of %Ln item</numerusform>
            <numerusform>{shown} of %Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln selected</numerusform>
            <numerusform>%Ln selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportBundleDialog</name>
    <message numerus="yes">
        <source>%n new item(s)</source>
        <translation>
            <numerusform>%n new item</numerusform>
            <numerusform>%n new items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message numerus="yes">
        <source>%Ln stored</source>
        <translation>
            <numerusform>%Ln stored</numerusform>
            <numerusform>%Ln stored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln linked as duplicate(s)</source>
        <translation>
            <numerusform>%Ln linked as duplicate</numerusform>
            <numerusform>%Ln linked as duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln skipped</numerusform>
            <numerusform>%Ln skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln source file(s) deleted</source>
        <translation>
            <numerusform>%Ln source file deleted</numerusform>
            <numerusform>%Ln source files deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln kept</source>
        <translation>
            <numerusform>%Ln kept</numerusform>
            <numerusform>%Ln kept</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemsPage</name>
    <message numerus="yes">
        <source>{chosen} of %n item(s) chosen</source>
        <translation>
            <numerusform>{chosen} of %n item chosen</numerusform>
            <numerusform>{chosen} of %n items chosen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MaskedValue</name>
    <message numerus="yes">
        <source>Copy; the clipboard is cleared after %n second(s)</source>
        <translation>
            <numerusform>Copy; the clipboard is cleared after %n second</numerusform>
            <numerusform>Copy; the clipboard is cleared after %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message numerus="yes">
        <source>%Ln record(s) submitted for review</source>
        <translation>
            <numerusform>%Ln record submitted for review</numerusform>
            <numerusform>%Ln records submitted for review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message numerus="yes">
        <source>(%n withdrawn)</source>
        <translation>
            <numerusform>(%n withdrawn)</numerusform>
            <numerusform>(%n withdrawn)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message numerus="yes">
        <source>{done} of %Ln file(s)</source>
        <translation>
            <numerusform>{done} of %Ln file</numerusform>
            <numerusform>{done} of %Ln files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RedactionEditor</name>
    <message numerus="yes">
        <source>%n box(es)</source>
        <translation>
            <numerusform>%n box</numerusform>
            <numerusform>%n boxes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n custody chain(s)</source>
        <translation>
            <numerusform>%n custody chain</numerusform>
            <numerusform>%n custody chains</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the bundle back found %n problem(s):</source>
        <translation>
            <numerusform>Reading the bundle back found %n problem:</numerusform>
            <numerusform>Reading the bundle back found %n problems:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n statement(s)</source>
        <translation>
            <numerusform>%n statement</numerusform>
            <numerusform>%n statements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identity(ies)</source>
        <translation>
            <numerusform>%n identity</numerusform>
            <numerusform>%n identities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not approved by a supervisor: %n record(s).</source>
        <translation>
            <numerusform>Not approved by a supervisor: %n record.</numerusform>
            <numerusform>Not approved by a supervisor: %n records.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message numerus="yes">
        <source>Waiting for review (%Ln)</source>
        <translation>
            <numerusform>Waiting for review (%Ln)</numerusform>
            <numerusform>Waiting for review (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Returned to me (%Ln)</source>
        <translation>
            <numerusform>Returned to me (%Ln)</numerusform>
            <numerusform>Returned to me (%Ln)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>Type at least %Ln letters.</source>
        <translation>
            <numerusform>Type at least %Ln letter.</numerusform>
            <numerusform>Type at least %Ln letters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The best {shown} of %Ln matches.</source>
        <translation>
            <numerusform>The best {shown} of %Ln matches.</numerusform>
            <numerusform>The best {shown} of %Ln matches.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es).</source>
        <translation>
            <numerusform>%Ln match.</numerusform>
            <numerusform>%Ln matches.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyBundleDialog</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n custody chain(s)</source>
        <translation>
            <numerusform>%n custody chain</numerusform>
            <numerusform>%n custody chains</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bundle {name} does NOT verify: %n problem(s).</source>
        <translation>
            <numerusform>Bundle {name} does NOT verify: %n problem.</numerusform>
            <numerusform>Bundle {name} does NOT verify: %n problems.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyCaseDialog</name>
    <message numerus="yes">
        <source>All %n item(s) intact.</source>
        <translation>
            <numerusform>The %n item is intact.</numerusform>
            <numerusform>All %n items intact.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Problems found: {failed} of %n item(s).</source>
        <translation>
            <numerusform>Problems found: {failed} of %n item.</numerusform>
            <numerusform>Problems found: {failed} of %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit event(s) checked</source>
        <translation>
            <numerusform>%n audit event checked</numerusform>
            <numerusform>%n audit events checked</numerusform>
        </translation>
    </message>
</context>
</TS>
