"""VERIFY.txt: how a recipient checks a bundle with stock tools, in English and then in Arabic.

The recipient may not have Sanad, so each step is a command of age, unzip, bagit, sha256sum or
ssh-keygen, followed by the output a pass prints; the tests run those tools on a real bag and
compare. Both languages give the same steps with the same commands, which stay in Latin script.
Every value written into a command is checked against a strict pattern first, since a recipient
may paste the commands into a shell.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from sanad.bundle.errors import BundleError

NAMESPACE = "sanad-bundle"  # the SSHSIG namespace (sanad.domain.bundle.BUNDLE_NAMESPACE)
KEY_TYPE = "ED25519"  # how ssh-keygen names the type of the signer's key
# What `bagit.py --validate .` logs last for a valid bag (bagit 1.8 and 1.9), after a timestamp.
BAGIT_PASS = ". is valid"
BAGIT_PASS_EXAMPLE = f"2025-06-01 10:15:02,123 - INFO - {BAGIT_PASS}"
# How the first line of `sanad verify-bundle .` begins when the bundle passes.
SANAD_VERIFY_PASS = "Bundle {bundle_id} verifies:"

WIDTH = 92
RULE = "=" * 72

_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_PRINCIPAL_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,59}")  # <= 60: the pass line stays short
_FINGERPRINT_RE = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_PATH_RE = re.compile(r"data/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}")


@dataclass(frozen=True, slots=True)
class _Step:
    """One numbered step: what to do, the command lines, and what a pass prints (per language)."""

    what: dict[str, str]
    commands: tuple[str, ...]
    passes: dict[str, str]
    output: tuple[str, ...]
    after: dict[str, str] | None = None


def verify_text(
    *,
    bundle_id: str,
    case_ref: str,
    signer_fingerprint: str,
    principal: str,
    encrypted: bool,
    zipped: bool,
    example_ern: str | None,
    example_path: str | None,
    example_sha256: str | None,
) -> str:
    """VERIFY.txt for one bundle: English, then the same in Arabic; LF line ends, lines <= 100.

    The example (one evidence file to check by hand) is all three of its values or none.
    """
    _check(bundle_id, case_ref, signer_fingerprint, principal, encrypted=encrypted, zipped=zipped)
    example = _example(example_ern, example_path, example_sha256)
    facts = {"case_ref": case_ref, "bundle_id": bundle_id, "fingerprint": signer_fingerprint,
             "file": example_path or "data/evidence/<ERN>.<ext>"}
    steps = [*([_DECRYPT] if encrypted else []), *([_UNZIP] if zipped else []),
             _BAGIT, _sha256sum_step(example_path), _signature_step(principal, signer_fingerprint),
             *([_by_hand_step(*example)] if example else []), _sanad_step(bundle_id)]
    return f"\n{RULE}\n\n".join(_language(lang, facts, steps, encrypted, zipped) for lang in ("en", "ar"))


def _check(bundle_id: str, case_ref: str, fingerprint: str, principal: str, *, encrypted: bool,
           zipped: bool) -> None:
    for item, value, pattern in (
        ("Bundle-Id", bundle_id, _ID_RE), ("case ref", case_ref, _ID_RE),
        ("signer fingerprint", fingerprint, _FINGERPRINT_RE), ("principal", principal, _PRINCIPAL_RE),
    ):
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise BundleError(f"VERIFY.txt: the {item} {_shown(value)} is not valid for a shell command")
    if encrypted and not zipped:
        raise BundleError("VERIFY.txt: an encrypted bundle is one age file holding a ZIP: zipped must be true")


def _example(ern: str | None, path: str | None, sha256: str | None) -> tuple[str, str, str] | None:
    if ern is None and path is None and sha256 is None:
        return None
    for item, value, pattern in (("example ERN", ern, _ID_RE), ("example path", path, _PATH_RE),
                                 ("example SHA-256", sha256, _SHA256_RE)):
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise BundleError(f"VERIFY.txt: the {item} {_shown(value)} is not valid: give all three or none")
    return ern, path, sha256  # type: ignore[return-value]  # each checked to be text above


def _shown(value: object) -> str:
    return ascii(value)[:48]


def _language(lang: str, facts: dict[str, str], steps: list[_Step], encrypted: bool, zipped: bool) -> str:
    text = _TEXT[lang]
    lines = [text["title"], "=" * len(text["title"]), "", text["other_language"], ""]
    lines += _section(text["what_heading"], text["what"].format(**facts))
    lines += [f"    {label}{value}" for label, value in zip(text["labels"], (
        facts["case_ref"], facts["bundle_id"], facts["fingerprint"]), strict=True)] + [""]
    lines += _paragraph(text["compare"]) + [""]
    tools = [*([text["tool_age"]] if encrypted else []), *([text["tool_unzip"]] if zipped else []), *text["tools"]]
    lines += _section(text["tools_heading"], text["tools_intro"])
    lines += [line for tool in tools for line in _paragraph(tool, "  - ", "    ")] + [""]
    lines += _paragraph(text["shell"]) + [""]
    lines += _section(text["steps_heading"], text["where_zipped" if zipped else "where"])
    for number, step in enumerate(steps, start=1):
        lines += _step(lang, number, step)
    lines += _section(text["proves_heading"], text["proves"])
    lines += _paragraph(text["fails"]) + [""]
    lines += [text["pitfalls_heading"], "-" * len(text["pitfalls_heading"])]
    lines += [line for pitfall in text["pitfalls"] for line in _paragraph(pitfall.format(**facts), "  - ", "    ")]
    return "\n".join(lines) + "\n"


def _section(heading: str, body: str) -> list[str]:
    return [heading, "-" * len(heading), *_paragraph(body), ""]


def _paragraph(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def _step(lang: str, number: int, step: _Step) -> list[str]:
    lines = _paragraph(step.what[lang], f"{number}. ", "   ")
    lines += [f"    $ {line}" if index == 0 or not step.commands[index - 1].endswith("\\") else f"      {line}"
              for index, line in enumerate(step.commands)]
    lines += _paragraph(step.passes[lang], "   ", "   ")
    lines += [f"    {line}" for line in step.output]
    if step.after:
        lines += _paragraph(step.after[lang], "   ", "   ")
    return [*lines, ""]


_DECRYPT = _Step(
    what={
        "en": "Decrypt the bundle. Put your file's name in place of bundle.zip.age, and your age "
              "identity file in place of your-key.txt (an SSH private key such as ~/.ssh/id_ed25519 "
              "works too, if the bundle was encrypted to it):",
        "ar": "فُكَّ تشفير الحزمة. ضع اسم ملفك مكان bundle.zip.age، وملف هويتك في age مكان "
              "your-key.txt (ويصلح أيضًا مفتاح SSH خاص مثل ~/.ssh/id_ed25519 إن كانت الحزمة "
              "مشفّرة له):",
    },
    commands=("age -d -i your-key.txt -o bundle.zip bundle.zip.age",),
    passes={
        "en": "On success it prints nothing and writes bundle.zip.",
        "ar": "عند النجاح لا يطبع الأمر شيئًا، ويكتب الملف bundle.zip.",
    },
    output=(),
    after={
        "en": 'An error "no identity matched any of the recipients" means the bundle was not '
              "encrypted to your key; any other error means the file is damaged or incomplete: "
              "download it again.",
        "ar": 'رسالة الخطأ "no identity matched any of the recipients" تعني أن الحزمة لم تُشفَّر '
              "لمفتاحك، وأي خطأ آخر يعني أن الملف تالف أو ناقص: فنزّله من جديد.",
    },
)

_UNZIP = _Step(
    what={
        "en": "Extract the ZIP file into a new folder and go into it (if your file has another "
              "name, use it in place of bundle.zip). Any tool that extracts ZIP files will do; on "
              "Windows, Explorer's Extract All works. If the new folder holds a "
              "single folder, go into that one too: you need the folder that holds bagit.txt.",
        "ar": "استخرج ملف ZIP في مجلد جديد وادخل إليه (وإن كان لملفك اسم آخر فاكتبه مكان "
              "bundle.zip). تصلح لذلك أي أداة تستخرج ملفات ZIP، ومنها "
              "الأمر «استخراج الكل» (Extract All) في مستكشف ملفات Windows. وإن ضمّ المجلد الجديد "
              "مجلدًا واحدًا فادخل إليه أيضًا: فالمطلوب هو المجلد الذي يحوي الملف bagit.txt.",
    },
    commands=("unzip bundle.zip -d bundle", "cd bundle"),
    passes={
        "en": "unzip prints this line, then one line for each file it extracts:",
        "ar": "يطبع unzip هذا السطر، ثم سطرًا لكل ملف يستخرجه:",
    },
    output=("Archive:  bundle.zip",),
)

_BAGIT = _Step(
    what={
        "en": "Check the whole bag: every file against the manifests, and that no file is missing "
              "or added. If bagit.py is not found, type python3 -m bagit in its place.",
        "ar": "افحص الحقيبة كلها: كل ملف مقابل قوائم البصمات، وأنه لم يُحذف ملف ولم يُضف آخر. وإن "
              "لم يُعثر على bagit.py فاكتب مكانه python3 -m bagit.",
    },
    commands=("bagit.py --validate .",),
    passes={
        "en": "It logs a line for each file it checks. A pass ends with a line like this one, "
              "with the date and time of your check:",
        "ar": "يسجّل الأمر سطرًا لكل ملف يفحصه، وينتهي الفحص الناجح بسطر مثل هذا، يحمل تاريخ فحصك "
              "ووقته:",
    },
    output=(BAGIT_PASS_EXAMPLE,),
    after={
        "en": 'A line with ERROR, or one saying "is invalid", is a failure.',
        "ar": 'أي سطر فيه ERROR، أو فيه عبارة "is invalid"، يعني الفشل.',
    },
)


def _sha256sum_step(path: str | None) -> _Step:
    return _Step(
        what={
            "en": "Check every hash again with a second, independent tool (on macOS, type "
                  "shasum -a 256 -c in place of sha256sum -c):",
            "ar": "افحص كل البصمات مرة ثانية بأداة أخرى مستقلة (على macOS اكتب shasum -a 256 -c "
                  "مكان sha256sum -c):",
        },
        commands=("sha256sum -c manifest-sha256.txt", "sha256sum -c tagmanifest-sha256.txt"),
        passes={
            "en": 'A pass prints one line for each file, each ending in ": OK", such as:',
            "ar": 'عند النجاح يطبع سطرًا لكل ملف، ينتهي كلٌّ منها بـ ": OK"، مثل:',
        },
        output=(f"{path or 'data/evidence.csv'}: OK", "manifest-sha256.txt: OK"),
        after={
            "en": "A line ending in FAILED, or a WARNING at the end, is a failure.",
            "ar": "السطر الذي ينتهي بكلمة FAILED، أو تحذير WARNING في النهاية، يعني الفشل.",
        },
    )


def _signature_step(principal: str, fingerprint: str) -> _Step:
    return _Step(
        what={
            "en": "Check the signature on the tag manifest, which in turn fixes the hash of every "
                  "other file:",
            "ar": "افحص التوقيع على قائمة الوسوم (tagmanifest)، وهي بدورها تثبّت بصمة كل ملف آخر:",
        },
        commands=(
            f"ssh-keygen -Y verify -f signature/allowed_signers -n {NAMESPACE} \\",
            f"    -I {principal} \\",
            "    -s signature/tagmanifest-sha256.txt.sig < tagmanifest-sha256.txt",
        ),
        passes={
            "en": "A pass prints one line, shown here in two parts:",
            "ar": "عند النجاح يطبع الأمر سطرًا واحدًا، معروضًا هنا على جزأين:",
        },
        output=(f'Good "{NAMESPACE}" signature for {principal}', f"with {KEY_TYPE} key {fingerprint}"),
        after={
            "en": "The key at its end must be the fingerprint you compared at the top. Any other "
                  'output, such as "Could not verify signature.", is a failure.',
            "ar": "ويجب أن يكون المفتاح في آخره هو البصمة التي قارنتها في أول هذا النص. وأي ناتج آخر، "
                  'مثل "Could not verify signature."، يعني الفشل.',
        },
    )


def _by_hand_step(ern: str, path: str, sha256: str) -> _Step:
    return _Step(
        what={
            "en": f"Check one file by hand. Its SHA-256 hash must equal the SHA256 column of "
                  f"data/evidence.csv in the row whose DOCID is {ern}; likewise, md5sum {path} "
                  "gives its MD5 column.",
            "ar": f"افحص ملفًا واحدًا بيدك. يجب أن تساوي بصمتُه SHA-256 قيمةَ العمود SHA256 في الملف "
                  f"data/evidence.csv، في الصف الذي قيمة DOCID فيه {ern}؛ وبالطريقة نفسها يعطي "
                  f"الأمر md5sum {path} قيمة العمود MD5.",
        },
        commands=(f"sha256sum {path}",),
        passes={
            "en": "It prints the hash, then the file name. The hash must be:",
            "ar": "يطبع الأمر البصمة ثم اسم الملف، ويجب أن تكون البصمة:",
        },
        output=(sha256,),
    )


def _sanad_step(bundle_id: str) -> _Step:
    return _Step(
        what={
            "en": "Optional: check each item's chain of custody with Sanad:",
            "ar": "(اختياري) افحص سلسلة العهدة لكل دليل باستخدام برنامج سند:",
        },
        commands=("sanad verify-bundle .",),
        passes={
            "en": "The first line of a pass begins:",
            "ar": "يبدأ السطر الأول عند النجاح هكذا:",
        },
        output=(SANAD_VERIFY_PASS.format(bundle_id=bundle_id),),
    )


_TEXT: dict[str, dict] = {
    "en": {
        "title": "VERIFY.txt: how to check this evidence bundle",
        "other_language": "English first; the Arabic text follows. النص العربي يلي النص الإنجليزي.",
        "what_heading": "What this bundle is",
        "what": "This is an evidence bundle made by Sanad for case {case_ref}. It is a BagIt 1.0 bag "
                "(RFC 8493): the data/ folder holds the evidence, and manifest files list the SHA-256 "
                "hash of every file. The tag manifest, which lists the hashes of the manifests, is "
                f'signed with an SSH key (OpenSSH signature, namespace "{NAMESPACE}").',
        "labels": ("Case reference:     ", "Bundle-Id:          ", "Signer fingerprint: "),
        "compare": "Compare this fingerprint with the one that the organisation that sent you this "
                   "bundle publishes through another channel, such as its website, a letter or a "
                   "phone call. If they differ, stop: do not trust this bundle. This file travels inside "
                   "the bundle, so whoever could replace the bundle could replace this file too.",
        "tools_heading": "Tools you need",
        "tools_intro": "Install these before you start:",
        "tool_age": "age (https://age-encryption.org), to decrypt the bundle",
        "tool_unzip": "unzip, or any tool that extracts a ZIP file (Windows Explorer's Extract All "
                      "works)",
        "tools": [
            "python3 with bagit: pip install bagit",
            "sha256sum, from GNU coreutils (on macOS: shasum -a 256)",
            "OpenSSH 8.2 or later, for ssh-keygen (ssh -V shows the version)",
            "optionally Sanad, to check the chains of custody",
        ],
        "shell": "The commands are for a POSIX shell: Linux, macOS, or Git Bash or WSL on Windows. "
                 "Type what follows the $ sign, without the $. A line that ends in \\ continues on "
                 "the next line.",
        "steps_heading": "Steps",
        "where": "Run the commands in the bundle folder: the folder that holds bagit.txt, one level "
                 "above the data/ folder where this file is.",
        "where_zipped": "Start in the folder that holds the file you received.",
        "proves_heading": "What a pass proves, and what it does not",
        "proves": "If every step passes, the files are exactly the bytes that the holder of the "
                  "signing key signed: nothing was added, removed or changed since. A pass does not "
                  "prove that the content is authentic or true (a scene can be staged in an "
                  "unaltered photo), nor who holds the key: only comparing the fingerprint with the "
                  "one the sender publishes shows that.",
        "fails": "If any step fails, stop, keep the original download, and contact the sender.",
        "pitfalls_heading": "Pitfalls",
        "pitfalls": [
            (
                'Do not re-zip, re-save or "repair" any file: opening data/evidence.csv in a spreadsheet '
                "and saving it changes its hash. Work on copies."
            ),
            "Keep the original download (the .zip or .age file) exactly as it came.",
            (
                "All times are UTC unless an offset is given. CAPTURED_AT carries the camera's offset "
                "when it is known."
            ),
            (
                "File names are the Evidence Reference Numbers (ERN), such as {file}; "
                "the DOCID column of evidence.csv and evidence.dat holds the same ERN."
            ),
            (
                "In evidence.csv, a cell that begins with an apostrophe (') had one added, so that a "
                "spreadsheet shows it as text rather than running it as a formula: the value is the "
                "rest of the cell."
            ),
        ],
    },
    "ar": {
        "title": "VERIFY.txt: كيف تتحقق من حزمة الأدلة هذه",
        "other_language": "هذا هو النص العربي، وهو يطابق النص الإنجليزي أعلاه خطوةً بخطوة.",
        "what_heading": "ما هذه الحزمة",
        "what": "هذه حزمة أدلة أنشأها برنامج سند (Sanad) للقضية {case_ref}. وهي حقيبة BagIt 1.0 "
                "(المواصفة RFC 8493): يضم المجلد data/ الأدلة، وتسرد ملفات القوائم (manifest) بصمة "
                "SHA-256 لكل ملف. أما قائمة الوسوم (tagmanifest)، التي تسرد بصمات القوائم، فموقّعة "
                f'بمفتاح SSH (توقيع OpenSSH ضمن النطاق "{NAMESPACE}").',
        "labels": ("مرجع القضية:        ", "معرّف الحزمة:       ", "بصمة مفتاح الموقِّع: "),
        "compare": "قارن هذه البصمة بالبصمة التي تنشرها الجهة التي أرسلت إليك هذه الحزمة عبر قناة "
                   "أخرى، كموقعها الإلكتروني أو رسالة أو مكالمة هاتفية. فإن اختلفتا فتوقّف ولا تثق بهذه الحزمة. "
                   "فهذا الملف يصل داخل الحزمة، ومن استطاع أن يستبدل الحزمة استطاع أن يستبدله معها.",
        "tools_heading": "الأدوات اللازمة",
        "tools_intro": "ثبّت ما يلي قبل أن تبدأ:",
        "tool_age": "age (https://age-encryption.org)، لفك تشفير الحزمة",
        "tool_unzip": "unzip، أو أي أداة تستخرج ملفات ZIP (ويصلح لذلك «استخراج الكل» في مستكشف "
                      "ملفات Windows)",
        "tools": [
            "python3 مع مكتبة bagit: pip install bagit",
            "sha256sum من حزمة GNU coreutils (وعلى macOS: shasum -a 256)",
            "OpenSSH بالإصدار 8.2 أو أحدث، من أجل ssh-keygen (يعرض الأمر ssh -V الإصدار)",
            "برنامج سند، اختياريًا، لفحص سلاسل العهدة",
        ],
        "shell": "الأوامر مكتوبة لصدفة POSIX: على Linux أو macOS، أو Git Bash أو WSL على Windows. "
                 "اكتب ما يلي العلامة $ من دون العلامة نفسها. والسطر الذي ينتهي بالرمز \\ يكمله "
                 "السطر الذي بعده.",
        "steps_heading": "الخطوات",
        "where": "شغّل الأوامر في مجلد الحزمة: وهو المجلد الذي يحوي الملف bagit.txt، فوق المجلد data/ "
                 "الذي فيه هذا الملف بمستوى واحد.",
        "where_zipped": "ابدأ في المجلد الذي فيه الملف الذي استلمته.",
        "proves_heading": "ما الذي يثبته النجاح وما الذي لا يثبته",
        "proves": "إذا نجحت الخطوات كلها فالملفات هي بالضبط البايتات التي وقّعها حامل مفتاح التوقيع، "
                  "ولم يُضَف إليها شيء ولم يُحذف منها شيء ولم يُغيَّر فيها شيء منذ ذلك الحين. لكن "
                  "النجاح لا يثبت أن المحتوى أصيل أو صادق (فقد يكون المشهد مُدبَّرًا في صورة لم "
                  "تُعدَّل)، ولا يثبت من يحمل المفتاح: فذلك لا تثبته إلا مقارنة البصمة بالبصمة التي "
                  "ينشرها المرسِل.",
        "fails": "إذا فشلت أي خطوة فتوقّف، واحتفظ بالملف الأصلي كما نزّلته، وتواصل مع المرسِل.",
        "pitfalls_heading": "تنبيهات",
        "pitfalls": [
            (
                "لا تُعِد ضغط أي ملف ولا تحفظه من جديد ولا «تصلحه»: ففتح data/evidence.csv في برنامج "
                "جداول ثم حفظه يغيّر بصمته. اعمل على نسخ."
            ),
            "احتفظ بالملف الأصلي الذي نزّلته (ملف ZIP أو ملف age) كما وصلك تمامًا.",
            (
                "كل الأوقات بالتوقيت العالمي المنسَّق (UTC) ما لم تُذكر معها إزاحة. ويحمل العمود "
                "CAPTURED_AT إزاحة توقيت الكاميرا حين تكون معروفة."
            ),
            (
                "أسماء الملفات هي الأرقام المرجعية للأدلة (ERN)، مثل {file}؛ والعمود "
                "DOCID في evidence.csv وevidence.dat يحمل الرقم نفسه."
            ),
            (
                "في evidence.csv، كل خلية تبدأ بعلامة الفاصلة العليا (') أُضيفت إليها هذه العلامة كي "
                "يعرضها برنامج الجداول نصًا ولا ينفّذها صيغةً: والقيمة هي بقية الخلية."
            ),
        ],
    },
}
