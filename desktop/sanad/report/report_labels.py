"""The case report's words in English and Arabic: labels, fixed notes and the verification annex.

Kept apart from the layout so a translator reads one file; the Arabic follows the app's own
terms (resources/i18n/sanad_ar.ts) so the report and the screens name things alike. Values
hold `{placeholders}` filled with already-escaped text.
"""

from __future__ import annotations

LANGUAGES = ("en", "ar")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "kicker": "Sanad · evidence bundle",
        "report_title": "Case report",
        "cover_intro": "This report describes the evidence bundle it is part of. What proves the bundle "
                       "unaltered is its signature and manifests (see the annex and VERIFY.txt), not "
                       "this document alone.",
        "case_ref": "Case reference",
        "organisation": "Organisation",
        "exported_at": "Exported (UTC)",
        "purpose": "Purpose",
        "recipient": "Recipient",
        "bundle_id": "Bundle ID",
        "signer": "Signed by",
        "signer_fp": "Signer key fingerprint",
        "fp_note_title": "Check who signed",
        "fp_note": "Compare this fingerprint with the one {organisation} publishes through a separate "
                   "channel (its website, an official letter, in person). The signature shows who "
                   "signed this bundle only if the two match. See VERIFY.txt for the steps.",
        "contents": "In this bundle",
        "n_incidents": "Incidents",
        "n_items": "Evidence items",
        "n_derivatives": "of which redacted derivatives",
        "n_statements": "Statements",
        "n_redacted": "of which redacted export texts",
        "n_people": "People, by code",
        "n_names": "of whom named",
        "n_held_back": "Records held back",
        "sec_summary": "Case summary",
        "sec_incidents": "Incidents",
        "sec_evidence": "Evidence",
        "sec_custody": "Chain of custody",
        "sec_people": "People",
        "sec_statements": "Statements",
        "sec_held_back": "Records held back",
        "sec_annex": "Annex: verifying this bundle",
        "no_summary": "No summary was recorded for this case.",
        "no_incidents": "No incidents are described in this bundle.",
        "no_items": "No evidence items are included in this bundle.",
        "no_custody": "No custody events: this bundle holds no evidence items.",
        "no_people": "No people are named, by code or otherwise, in this bundle.",
        "no_statements": "No statements are included in this bundle.",
        "dates": "Dates",
        "place": "Place",
        "violations": "Violation types",
        "victims": "Victims",
        "casualties": "Casualties",
        "description": "Description",
        "not_recorded": "not recorded",
        "evidence_intro": "Each file is in the bundle at the path shown; its SHA-256 is also listed in "
                          "manifest-sha256.txt, and its MD5, for review platforms, in evidence.csv.",
        "ern": "ERN",
        "derived_from": "Derived from",
        "path": "Path in bundle",
        "media_type": "Media type",
        "size": "Size",
        "sha256": "SHA-256",
        "bytes": "{size} ({count} bytes)",
        "captured": "Captured",
        "position": "Position",
        "device": "Device",
        "how_obtained": "How obtained",
        "acquired": "Acquired",
        "custody_intro": "A summary: each item's full chain, signed event by event, is in "
                         "data/custody/<ERN>.jsonl and the actors' keys in data/keys.jsonl.",
        "custody_of": "Chain of custody of",
        "continued": "(continued)",
        "at": "Time (UTC)",
        "action": "Action",
        "actor_key": "Actor key fingerprint",
        "details": "Details",
        "no_events": "No custody events recorded.",
        "custody_elided": "… and {count} more events from {start} to {end} ({actions}): every event is in {path}.",
        "list_separator": ", ",
        "people_intro": "Outside the vault people are known by code. A name appears only where this "
                        "export includes that person's identity, with their consent.",
        "code": "Code",
        "role": "Role",
        "name": "Name",
        "not_disclosed": "not disclosed",
        "statement": "Statement",
        "person": "Person",
        "version": "Version",
        "language": "Language",
        "interviewed_on": "Interviewed on",
        "redacted_marker": "Redacted export text: identifying details were removed before export; the "
                           "statement itself stays in the vault.",
        "held_back_intro": "These records stay in the vault and are not in this bundle. People are "
                           "named by code only.",
        "record": "Record",
        "reason": "Reason",
        "page": "Page {page} of {pages}",
        "units": "bytes|kB|MB|GB|TB",
        "review": "Supervisor review",
        "review_approved": "Approved by {by}, {at} (version {version})",
        "review_not_approved": "{state}: not approved by a supervisor",
        "review_older": "version {version} was approved by {by}, {at}; this version was not",
        "state_draft": "Draft",
        "state_submitted": "Submitted for review",
        "state_returned": "Returned for changes",
        "state_approved": "Approved",
        "n_unapproved": "Records not approved by a supervisor",
        "unapproved_note": "At the sender's explicit request, this bundle includes records that no supervisor "
                           "approved. Each record's review is shown with it.",
    },
    "ar": {
        "kicker": "سند · حزمة أدلة",
        "report_title": "تقرير القضية",
        "cover_intro": "يصف هذا التقرير حزمة الأدلة التي هو جزء منها. وما يثبت أن الحزمة لم تُعدَّل هو "
                       "توقيعها وملفات البيان فيها (انظر الملحق والملف VERIFY.txt)، لا هذا المستند وحده.",
        "case_ref": "مرجع القضية",
        "organisation": "المنظمة",
        "exported_at": "تاريخ التصدير (UTC)",
        "purpose": "الغرض",
        "recipient": "الجهة المستلِمة",
        "bundle_id": "معرِّف الحزمة",
        "signer": "الموقِّع",
        "signer_fp": "بصمة مفتاح الموقِّع",
        "fp_note_title": "تحقَّق من هوية الموقِّع",
        "fp_note": "قارن هذه البصمة بالبصمة التي تنشرها {organisation} عبر قناة مستقلة (موقعها "
                   "الإلكتروني أو رسالة رسمية أو شخصيًا). لا يدل التوقيع على هوية من وقَّع هذه الحزمة إلا "
                   "إذا تطابقت البصمتان. راجع الملف VERIFY.txt لمعرفة خطوات التحقق.",
        "contents": "محتوى الحزمة",
        "n_incidents": "الحوادث",
        "n_items": "الأدلة",
        "n_derivatives": "منها نسخ مشتقة منقَّحة",
        "n_statements": "الإفادات",
        "n_redacted": "منها نصوص تصدير منقَّحة",
        "n_people": "الأشخاص بالرموز",
        "n_names": "منهم مذكورون بأسمائهم",
        "n_held_back": "السجلات المحجوبة",
        "sec_summary": "ملخص القضية",
        "sec_incidents": "الحوادث",
        "sec_evidence": "الأدلة",
        "sec_custody": "سلسلة الحيازة",
        "sec_people": "الأشخاص",
        "sec_statements": "الإفادات",
        "sec_held_back": "السجلات المحجوبة",
        "sec_annex": "ملحق: التحقق من هذه الحزمة",
        "no_summary": "لم يُسجَّل ملخص لهذه القضية.",
        "no_incidents": "لا تصف هذه الحزمة أي حادثة.",
        "no_items": "لا تتضمن هذه الحزمة أي دليل.",
        "no_custody": "لا أحداث حيازة: لا تتضمن هذه الحزمة أي دليل.",
        "no_people": "لا يُذكر في هذه الحزمة أي شخص، لا برمزه ولا باسمه.",
        "no_statements": "لا تتضمن هذه الحزمة أي إفادة.",
        "dates": "التاريخ",
        "place": "المكان",
        "violations": "أنواع الانتهاكات",
        "victims": "الضحايا",
        "casualties": "الإصابات",
        "description": "الوصف",
        "not_recorded": "غير مسجَّل",
        "evidence_intro": "كل ملف موجود في الحزمة في المسار المبيَّن، وقيمة SHA-256 الخاصة به مدرجة "
                          "أيضًا في الملف manifest-sha256.txt، وقيمة MD5 لمنصات المراجعة في الملف evidence.csv.",
        "ern": "رقم الدليل",
        "derived_from": "مشتق من",
        "path": "المسار في الحزمة",
        "media_type": "نوع الوسائط",
        "size": "الحجم",
        "sha256": "SHA-256",
        "bytes": "{size} ({count} بايت)",
        "captured": "وقت الالتقاط",
        "position": "الموقع",
        "device": "الجهاز",
        "how_obtained": "طريقة الحصول",
        "acquired": "وقت الاستحواذ",
        "custody_intro": "هذا ملخص: السلسلة الكاملة لكل دليل، موقَّعةً حدثًا حدثًا، موجودة في الملف "
                         "data/custody/<ERN>.jsonl، ومفاتيح المنفِّذين في الملف data/keys.jsonl.",
        "custody_of": "سلسلة حيازة الدليل",
        "continued": "(تابع)",
        "at": "الوقت (UTC)",
        "action": "الإجراء",
        "actor_key": "بصمة مفتاح المنفِّذ",
        "details": "التفاصيل",
        "no_events": "لا أحداث حيازة مسجَّلة.",
        "custody_elided": "… وأحداث أخرى عددها {count}، من {start} إلى {end} ({actions}): كل الأحداث في الملف {path}.",
        "list_separator": "، ",
        "people_intro": "خارج الخزنة لا يُعرف الأشخاص إلا برموزهم. ولا يظهر الاسم إلا حيث يتضمن هذا "
                        "التصدير هوية الشخص بموافقته.",
        "code": "الرمز",
        "role": "الدور",
        "name": "الاسم",
        "not_disclosed": "غير مُفصَح عنه",
        "statement": "الإفادة",
        "person": "الشخص",
        "version": "النسخة",
        "language": "اللغة",
        "interviewed_on": "تاريخ المقابلة",
        "redacted_marker": "نص تصدير منقَّح: حُذفت التفاصيل المعرِّفة قبل التصدير، وتبقى الإفادة الأصلية "
                           "في الخزنة.",
        "held_back_intro": "تبقى هذه السجلات في الخزنة ولم تُدرَج في هذه الحزمة. ولا يُشار إلى الأشخاص "
                           "إلا برموزهم.",
        "record": "السجل",
        "reason": "السبب",
        "page": "الصفحة {page} من {pages}",
        "units": "بايت|كيلوبايت|ميغابايت|غيغابايت|تيرابايت",
        "review": "مراجعة المشرف",
        "review_approved": "اعتمده {by} في {at} (النسخة {version})",
        "review_not_approved": "{state}: لم يعتمده مشرف",
        "review_older": "اعتمد {by} النسخة {version} في {at}، ولم تُعتمد هذه النسخة",
        "state_draft": "مسودة",
        "state_submitted": "مُقدَّم للمراجعة",
        "state_returned": "مُعاد لإجراء تعديلات",
        "state_approved": "معتمد",
        "n_unapproved": "سجلات لم يعتمدها مشرف",
        "unapproved_note": "بناءً على طلب صريح من المُرسِل، تتضمن هذه الحزمة سجلات لم يعتمدها أي مشرف. "
                           "وتظهر مراجعة كل سجل معه.",
    },
}

# Known values shown in the report's language; anything else is shown as given.
VALUES: dict[str, dict[str, str]] = {
    "en": {
        "un": "UN mechanisms", "prosecutors": "Prosecutors", "publication": "Publication",
        "witness": "Witness", "victim": "Victim", "source": "Source",
        "alleged_perpetrator": "Alleged perpetrator",
        "captured": "Captured by us", "received": "Received", "downloaded": "Downloaded",
        "copied": "Copied from a device",
        "acquired": "Acquired", "imported": "Imported", "viewed": "Viewed", "annotated": "Note added",
        "derived": "Derivative made", "export_prepared": "Prepared for export", "exported": "Exported",
        "transferred": "Handed over", "verified": "Verified", "shredded": "Shredded",
    },
    "ar": {
        "un": "آليات الأمم المتحدة", "prosecutors": "جهات الادعاء العام", "publication": "النشر العلني",
        "witness": "شاهد", "victim": "ضحية", "source": "مصدر", "alleged_perpetrator": "جانٍ مزعوم",
        "captured": "التقطناه بأنفسنا", "received": "مُستلَم", "downloaded": "مُنزَّل من الإنترنت",
        "copied": "منسوخ من جهاز",
        "acquired": "الاستحواذ", "imported": "الاستيراد", "viewed": "المعاينة", "annotated": "إضافة ملاحظة",
        "derived": "إنشاء نسخة مشتقة", "export_prepared": "التجهيز للتصدير", "exported": "التصدير",
        "transferred": "التسليم", "verified": "التحقق", "shredded": "الإتلاف",
    },
}

# The annex: (heading, paragraphs, numbered?) per part.
ANNEX: dict[str, tuple[tuple[str, tuple[str, ...], bool], ...]] = {
    "en": (
        ("What the signature and the manifests prove", (
            ("Every file under data/ is listed with its SHA-256 in manifest-sha256.txt; the tag manifest "
             "lists that manifest and the bundle's description files; the signature in the signature "
             "folder covers the tag manifest. If all three check out, no file in the bundle has been "
             "changed, added or removed since it was signed."),
            ("The signature was made by the holder of the private key whose fingerprint is printed on "
             "the first page. That the key is {organisation}'s is shown only by comparing the "
             "fingerprint with the one the organisation publishes."),
            ("Each item's chain of custody (data/custody) is a sequence of signed events from its "
             "acquisition to this export; an event changed, removed or reordered breaks the chain."),
            ("This report (data/report.pdf) is itself listed in the manifest, so the signature covers "
             "it too."),
        ), False),
        ("What they do not prove", (
            ("They do not prove that the content is authentic: that a photo or a video shows what it "
             "appears to show, at the place and time given, or that a statement is true. That remains "
             "the recipient's own assessment (source analysis, geolocation, corroboration)."),
            ("They do not prove that the capture time, position and device are right: these are what "
             "the file's metadata or the investigator recorded."),
             "A valid signature by a key nobody vouches for proves nothing about who signed.",
        ), False),
        ("The steps in brief (VERIFY.txt gives the exact commands)", (
            ("Compare the signer key fingerprint on the first page with the one the organisation "
             "publishes."),
            ("Check the signature on tagmanifest-sha256.txt with ssh-keygen -Y verify, namespace "
             "sanad-bundle, against signature/allowed_signers."),
            ("Check the tag manifest and the manifest with sha256sum -c, or validate the bag with "
             "bagit.py --validate: every file must match."),
            ("For the items you rely on, compare the SHA-256 values in this report with "
             "manifest-sha256.txt."),
        ), True),
    ),
    "ar": (
        ("ما يثبته التوقيع وملفات البيان", (
            ("كل ملف في المجلد data مُدرَج مع قيمة SHA-256 الخاصة به في الملف manifest-sha256.txt، "
             "ويُدرِج بيانُ الوسوم (tag manifest) ملفَّ البيان هذا وملفات وصف الحزمة، ويغطي التوقيع "
             "الموجود في المجلد signature بيانَ الوسوم. فإذا سلمت الثلاثة عند التحقق، فلم يُعدَّل أي ملف "
             "في الحزمة ولم يُضَف إليها ملف ولم يُحذف منها ملف منذ توقيعها."),
            ("أُنشئ التوقيع بواسطة حائز المفتاح الخاص الذي تظهر بصمته في الصفحة الأولى. أما أن المفتاح "
             "يعود إلى {organisation} فلا يثبت إلا بمقارنة البصمة بالبصمة التي تنشرها المنظمة."),
            ("سلسلة حيازة كل دليل (في المجلد data/custody) تتابعٌ من الأحداث الموقَّعة منذ الاستحواذ "
             "عليه حتى هذا التصدير؛ وأي حدث يُعدَّل أو يُحذف أو يُغيَّر ترتيبه يكسر السلسلة."),
             "وهذا التقرير نفسه (data/report.pdf) مُدرَج في ملف البيان، فهو مشمول بالتوقيع أيضًا.",
        ), False),
        ("ما لا يثبتانه", (
            ("لا يثبتان أصالة المحتوى: أي أن الصورة أو المقطع المصوَّر يُظهر فعلًا ما يبدو أنه يُظهره، في "
             "المكان والزمان المذكورين، أو أن الإفادة صحيحة. فذلك يبقى تقييمًا تجريه الجهة المستلِمة "
             "بنفسها (تحليل المصدر، وتحديد الموقع الجغرافي، والتحقق من القرائن المؤيِّدة)."),
            ("ولا يثبتان صحة وقت الالتقاط والموقع والجهاز، فهذه هي ما سجَّلته البيانات الوصفية للملف أو "
             "ما سجَّله المحقق."),
             "والتوقيع الصحيح بمفتاح لا يضمنه أحد لا يثبت شيئًا عن هوية الموقِّع.",
        ), False),
        ("الخطوات باختصار (يورد الملف VERIFY.txt الأوامر بدقة)", (
             "قارن بصمة مفتاح الموقِّع في الصفحة الأولى بالبصمة التي تنشرها المنظمة.",
            ("تحقَّق من التوقيع على الملف tagmanifest-sha256.txt بالأمر ssh-keygen -Y verify ونطاق "
             "الأسماء sanad-bundle والملف signature/allowed_signers."),
            ("تحقَّق من بيان الوسوم وملف البيان بالأمر sha256sum -c، أو تحقَّق من الحزمة كلها بالأمر "
             "bagit.py --validate؛ ويجب أن تتطابق الملفات جميعها."),
            ("قارن قيم SHA-256 الواردة في هذا التقرير بما في الملف manifest-sha256.txt للأدلة التي "
             "تعتمد عليها."),
        ), True),
    ),
}
