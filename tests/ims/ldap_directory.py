"""A real LDAP directory for the tests: Debian's slapd, in a temporary folder of its
own, loaded with slapadd from LDIF, serving on a free loopback port, killed after."""

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import ldap

from tests.ims.oidc_provider import free_port

SLAPD = "/usr/sbin/slapd"
SLAPADD = "/usr/sbin/slapadd"
SCHEMA = Path("/etc/ldap/schema")
SUFFIX = "dc=so,dc=example"
ADMIN_DN = f"cn=admin,{SUFFIX}"
ADMIN_PASSWORD = "directory-admin-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"


def available() -> bool:
    return Path(SLAPD).exists() and Path(SLAPADD).exists() and (SCHEMA / "core.schema").exists()


def person(uid, *, password, cn, sn, mail, department="", title=""):
    lines = [
        f"dn: uid={uid},{PEOPLE}",
        "objectClass: inetOrgPerson",
        f"uid: {uid}",
        f"cn: {cn}",
        f"sn: {sn}",
        f"mail: {mail}",
        f"userPassword: {password}",
    ]
    if department:
        lines.append(f"departmentNumber: {department}")
    if title:
        lines.append(f"title: {title}")
    return "\n".join(lines)


def group(cn, *members):
    return "\n".join(
        [f"dn: cn={cn},{GROUPS}", "objectClass: groupOfNames", f"cn: {cn}"]
        + [f"member: uid={m},{PEOPLE}" for m in members]
    )


@dataclass
class Directory:
    uri: str
    folder: Path
    process: subprocess.Popen

    def connect(self):
        conn = ldap.initialize(self.uri)
        conn.simple_bind_s(ADMIN_DN, ADMIN_PASSWORD)
        return conn

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_directory(folder: Path, entries: list[str]) -> Directory:
    data = folder / "data"
    data.mkdir(parents=True)
    conf = folder / "slapd.conf"
    conf.write_text(
        "\n".join(
            [
                *(
                    f"include {SCHEMA / name}.schema"
                    for name in ("core", "cosine", "inetorgperson", "nis")
                ),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                f"pidfile {folder / 'slapd.pid'}",
                "database mdb",
                "maxsize 10485760",
                f'suffix "{SUFFIX}"',
                f'rootdn "{ADMIN_DN}"',
                f"rootpw {ADMIN_PASSWORD}",
                f"directory {data}",
                "access to attrs=userPassword by anonymous auth by * none",
                "access to * by * read",
                "",
            ]
        )
    )
    base = [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: so\no: So GDDT",
        f"dn: {PEOPLE}\nobjectClass: organizationalUnit\nou: people",
        f"dn: {GROUPS}\nobjectClass: organizationalUnit\nou: groups",
    ]
    ldif = folder / "data.ldif"
    ldif.write_text("\n\n".join(base + entries) + "\n")
    subprocess.run([SLAPADD, "-f", str(conf), "-l", str(ldif)], check=True, capture_output=True)
    port = free_port()
    uri = f"ldap://127.0.0.1:{port}"
    process = subprocess.Popen(
        # -d 0: stay in the foreground (no fork), so the test owns the process
        [SLAPD, "-f", str(conf), "-h", f"{uri}/", "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    directory = Directory(uri=uri, folder=folder, process=process)
    deadline = time.monotonic() + 20
    while True:
        try:
            directory.connect().unbind_s()
            return directory
        except ldap.SERVER_DOWN:
            if process.poll() is not None or time.monotonic() > deadline:
                directory.stop()
                raise RuntimeError("slapd did not start") from None
            time.sleep(0.1)
