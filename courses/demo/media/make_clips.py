"""How the three demo clips in this folder were made (a one-off; the project does not run it).

Frames are drawn with Pillow and the project's own Noto Sans SC subset, then encoded to a
6-second 320×180 VP9 WebM (~17 KB each) by the ffmpeg binary that the ``imageio-ffmpeg`` wheel
ships. To regenerate: ``pip install imageio-ffmpeg pillow`` in a scratch environment and run
``python courses/demo/media/make_clips.py`` from the repository root.
"""

import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = HERE.parent.parent / "core" / "fonts" / "NotoSansSC-Bold-subset.otf"
W, H, FPS, SECONDS = 320, 180, 10, 6
CLIPS = {
    "footwear": ((140, 60, 20), "鞋革企业合规", "安全生产 · 劳动用工"),
    "software": ((20, 70, 140), "软件企业合规", "个人信息保护 · 数据安全"),
    "construction": ((30, 110, 60), "建筑企业合规", "工程质量 · 农民工工资"),
}


def main():
    import imageio_ffmpeg
    from PIL import Image, ImageDraw, ImageFont

    big, small = ImageFont.truetype(str(FONT), 26), ImageFont.truetype(str(FONT), 15)
    for name, (colour, title, subtitle) in CLIPS.items():
        command = [
            imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{W}x{H}", "-r", str(FPS), "-i", "-",
            "-c:v", "libvpx-vp9", "-b:v", "60k", "-deadline", "good", "-pix_fmt", "yuv420p", "-an",
            str(HERE / f"{name}.webm"),
        ]  # fmt: skip
        encoder = subprocess.Popen(command, stdin=subprocess.PIPE)
        for index in range(FPS * SECONDS):
            second = index / FPS
            frame = Image.new("RGB", (W, H), colour)
            draw = ImageDraw.Draw(frame)
            draw.text((W / 2, 62), title, font=big, fill="white", anchor="mm")
            draw.text((W / 2, 100), subtitle, font=small, fill=(230, 230, 230), anchor="mm")
            draw.rectangle([20, 140, 20 + (W - 40) * second / SECONDS, 148], fill="white")
            draw.rectangle([20, 140, W - 20, 148], outline="white")
            draw.text((W / 2, 165), f"合规学堂 · 00:{int(second):02d}", font=small, fill="white", anchor="mm")
            encoder.stdin.write(frame.tobytes())
        encoder.stdin.close()
        encoder.wait()


if __name__ == "__main__":
    main()
