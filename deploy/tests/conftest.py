import os
import pathlib
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "maple-quest.yaml"


class CloudFormationLoader(yaml.SafeLoader):
    """Reads CloudFormation's short-form tags (!Ref, !Sub, …) as {"Ref": …} / {"Fn::Sub": …}."""


def _intrinsic(loader, suffix, node):
    name = "Ref" if suffix == "Ref" else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {name: value}


CloudFormationLoader.add_multi_constructor("!", _intrinsic)


@pytest.fixture(scope="session")
def template():
    return yaml.load(TEMPLATE.read_text(), Loader=CloudFormationLoader)


@pytest.fixture(scope="session")
def resources(template):
    return template["Resources"]


@pytest.fixture(scope="session")
def image(tmp_path_factory):
    """The release binary, built once by the Dockerfile's own build script and shared by every test.
    MQ_IMAGE_PREBUILT=1 takes the binary already in MQ_IMAGE_OUT instead (for iterating on one test)."""
    out = pathlib.Path(os.environ.get("MQ_IMAGE_OUT") or tmp_path_factory.mktemp("image"))
    if os.environ.get("MQ_IMAGE_PREBUILT") == "1" and (out / "mq-server").exists():
        return out
    result = subprocess.run([str(ROOT / "scripts" / "build-release.sh"), str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    print(result.stdout.strip().splitlines()[-1])
    return out
