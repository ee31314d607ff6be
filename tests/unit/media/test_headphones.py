"""The headphone decision on device lists shaped like what QMediaDevices reports over PulseAudio/PipeWire.
(No real jack was plugged for these: the test machine has no sound card.)"""

from __future__ import annotations

from kiosk.media.headphones import AudioOutput, headphones_arrived

BUILT_IN = AudioOutput("alsa_output.pci-0000_00_1f.3.analog-stereo", "Built-in Audio Analog Stereo", True)
HDMI = AudioOutput("alsa_output.pci-0000_00_1f.3.hdmi-stereo", "Built-in Audio Digital Stereo (HDMI)")
PI_JACK = AudioOutput("alsa_output.platform-bcm2835_audio.analog-stereo", "Built-in Audio Stereo", True)
USB_HEADSET = AudioOutput(
    "alsa_output.usb-Logitech_Logitech_USB_Headset-00.analog-stereo", "Logitech USB Headset Analog Stereo"
)
USB_SPEAKER = AudioOutput("alsa_output.usb-Creative_Pebble-00.analog-stereo", "Pebble V3 Analog Stereo")
BT_HEADSET = AudioOutput("bluez_output.AC_80_0A_12_34_56.headset-head-unit", "Jabra Evolve2 65")
BT_SPEAKER = AudioOutput("bluez_output.00_42_79_AB_CD_EF.1", "JBL Flip 5")
UCM_JACK = AudioOutput(
    "alsa_output.pci-0000_00_1f.3-platform-skl_hda_dsp_generic.HiFi__hw_sofhdadsp__sink",
    "Tiger Lake-LP Smart Sound Technology Audio Controller Headphones",
)


def test_a_new_headset_counts() -> None:
    assert headphones_arrived([BUILT_IN, HDMI], [BUILT_IN, HDMI, USB_HEADSET]) == USB_HEADSET
    assert headphones_arrived([BUILT_IN], [BUILT_IN, BT_HEADSET]) == BT_HEADSET
    assert headphones_arrived([BUILT_IN], [BUILT_IN, UCM_JACK]) == UCM_JACK


def test_a_new_loudspeaker_does_not() -> None:
    assert headphones_arrived([BUILT_IN], [BUILT_IN, HDMI]) is None
    assert headphones_arrived([BUILT_IN], [BUILT_IN, USB_SPEAKER]) is None
    assert headphones_arrived([BUILT_IN], [BUILT_IN, BT_SPEAKER]) is None


def test_headphones_already_there_or_leaving_do_not() -> None:
    assert headphones_arrived([BUILT_IN, USB_HEADSET], [BUILT_IN, USB_HEADSET]) is None
    assert headphones_arrived([BUILT_IN, USB_HEADSET], [BUILT_IN]) is None
    assert headphones_arrived([], []) is None  # no sound server: Qt lists nothing


def test_the_jack_made_default_counts_once() -> None:
    jack = AudioOutput(UCM_JACK.id, UCM_JACK.description, default=False)
    speaker = AudioOutput(BUILT_IN.id, BUILT_IN.description, default=False)
    before = [BUILT_IN, jack]
    after = [speaker, AudioOutput(jack.id, jack.description, default=True)]
    assert headphones_arrived(before, after) == after[1]
    assert headphones_arrived(after, after) is None  # still the default: not a second plug-in


def test_a_port_switch_on_the_same_output_is_invisible() -> None:
    # the Pi's (and most HDA codecs') 3.5 mm jack: the list is the same before and after the plug
    assert headphones_arrived([PI_JACK], [PI_JACK]) is None
