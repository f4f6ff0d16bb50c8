#!/usr/bin/env python3
"""Writes a large triangle mesh and a Cornell-box scene that shows it, for
measuring how the tracer loads meshes and builds its BVH.

Usage (from the repository root; python3, standard library only):

    python3 Benchmarks/make-mesh-scene.py 1000000              # -> /tmp/tracer-mesh-scenes/
    python3 Benchmarks/make-mesh-scene.py 100k --out DIR       # k and M suffixes work
    python3 Benchmarks/make-mesh-scene.py 3M --no-uvs --no-normals
    python3 Benchmarks/make-mesh-scene.py 1M --dry-run           # only print the paths
    python3 Benchmarks/make-mesh-scene.py 1M --copies 4          # four objects share the mesh

It writes DIR/mesh-<count>.obj and DIR/mesh-<count>.json (the scene refers to
the OBJ by its file name, so keep the two together) and prints both paths and
the exact triangle count (the scene path last). Then, for example:

    /usr/bin/time -v .build/release/tracer /tmp/tracer-mesh-scenes/mesh-1000000.json \
        --resolution 8x8 --spp 1 --threads 1 -o /tmp/x.png
    # wall clock ~ loading + BVH build; "Maximum resident set size" = peak memory
    # or, for several binaries side by side: Benchmarks/measure-mesh-loading.sh

The mesh is a bumpy sphere: a latitude-longitude grid of `segments` columns
and `rings` rows of quads, each quad two triangles except in the two rows at
the poles, which have one each. So there are 2 * segments * (rings - 1)
triangles and (segments + 1) * (rings + 1) vertices (the seam column and the
pole rows repeat positions so that every vertex has its own uv), about half a
vertex per triangle, as in a typical scanned or subdivided model. Each vertex
gets `v`, `vn` (the true normal of the bumpy surface) and `vt`, unless turned
off. The grid is chosen so that the count is exactly the one asked for when it
can be (the count must be even; otherwise the nearest reachable count is used).

The scene is scenes/bench/cornell_lambertian.json with its two cubes replaced
by the mesh, so everything else (camera, walls, light, materials) stays in step
with that benchmark scene. The output is deterministic: the same arguments give
the same bytes. About 10 s per million triangles.
"""

import argparse
import json
import math
import os
import sys

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE_SCENE = os.path.join(REPOSITORY, "scenes", "bench", "cornell_lambertian.json")

# The bumps: r(theta, phi) = 1 + AMPLITUDE * sin(LAT_WAVES * theta) * cos(LON_WAVES * phi).
AMPLITUDE = 0.08
LAT_WAVES = 12
LON_WAVES = 16


def parse_count(text):
    """'100000', '100k' or '1M' as an integer."""
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    digits = text[:-1] if scale > 1 else text
    try:
        count = int(float(digits) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a triangle count: {text!r}")
    if count < 4:
        raise argparse.ArgumentTypeError("need at least 4 triangles")
    return count


def grid_for(triangles):
    """(segments, rings) with 2 * segments * (rings - 1) == triangles if possible,
    with about two columns per row (square quads on the sphere); otherwise the
    closest such grid."""
    ideal = max(1, round(math.sqrt(triangles / 4)))  # rings - 1
    if triangles % 2 == 0:
        half = triangles // 2
        # Nearest divisor of half to the ideal row count, keeping the quads
        # between 1:2 and 2:1 from square.
        for delta in range(ideal):
            for quad_rows in (ideal - delta, ideal + delta):
                if quad_rows >= 1 and half % quad_rows == 0:
                    segments = half // quad_rows
                    if quad_rows <= segments <= 4 * quad_rows and segments >= 3:
                        return segments, quad_rows + 1
    segments = max(3, round(triangles / (2 * ideal)))
    return segments, ideal + 1


def surface_point(theta, phi):
    """The bumpy sphere at polar angle theta (0 at +y) and azimuth phi."""
    r = 1 + AMPLITUDE * math.sin(LAT_WAVES * theta) * math.cos(LON_WAVES * phi)
    s = math.sin(theta)
    return (r * s * math.cos(phi), r * math.cos(theta), r * s * math.sin(phi))


def surface_normal(theta, phi):
    """The unit outward normal: the cross product of the partial derivatives
    (by central differences); at the poles, straight up or down."""
    if theta < 1e-9:
        return (0.0, 1.0, 0.0)
    if theta > math.pi - 1e-9:
        return (0.0, -1.0, 0.0)
    h = 1e-5
    a, b = surface_point(theta - h, phi), surface_point(theta + h, phi)
    c, d = surface_point(theta, phi - h), surface_point(theta, phi + h)
    dt = (b[0] - a[0], b[1] - a[1], b[2] - a[2])
    dp = (d[0] - c[0], d[1] - c[1], d[2] - c[2])
    # d/dphi x d/dtheta points outward for this parameterisation.
    n = (dp[1] * dt[2] - dp[2] * dt[1], dp[2] * dt[0] - dp[0] * dt[2], dp[0] * dt[1] - dp[1] * dt[0])
    length = math.sqrt(n[0] ** 2 + n[1] ** 2 + n[2] ** 2)
    return (n[0] / length, n[1] / length, n[2] / length)


def write_obj(path, segments, rings, normals, uvs):
    """Writes the mesh as object "Mesh"; returns the triangle count."""
    columns = segments + 1
    with open(path, "w", buffering=1 << 20) as out:
        out.write(f"# bumpy sphere, {segments} x {rings} grid, written by Benchmarks/make-mesh-scene.py\n")
        out.write("o Mesh\n")
        for row in range(rings + 1):
            theta = math.pi * row / rings
            lines = []
            for column in range(columns):
                phi = 2 * math.pi * column / segments
                x, y, z = surface_point(theta, phi)
                lines.append(f"v {x:.6f} {y:.6f} {z:.6f}\n")
                if normals:
                    nx, ny, nz = surface_normal(theta, phi)
                    lines.append(f"vn {nx:.6f} {ny:.6f} {nz:.6f}\n")
                if uvs:
                    lines.append(f"vt {column / segments:.6f} {1 - row / rings:.6f}\n")
            out.write("".join(lines))

        # Vertex k (1-based) has position k, normal k and uv k.
        if normals and uvs:
            corner = "{0}/{0}/{0}"
        elif normals:
            corner = "{0}//{0}"
        elif uvs:
            corner = "{0}/{0}"
        else:
            corner = "{0}"
        face = "f {} {} {}\n".format(*(corner.replace("0", str(i)) for i in range(3)))  # "f {0}/{0}/{0} {1}/..."

        triangles = 0
        for row in range(rings):
            lines = []
            for column in range(segments):
                # Quad corners, counter-clockwise seen from outside.
                top_left = row * columns + column + 1
                top_right = top_left + 1
                bottom_left = top_left + columns
                bottom_right = bottom_left + 1
                if row != 0:
                    lines.append(face.format(top_left, top_right, bottom_left))
                    triangles += 1
                if row != rings - 1:
                    lines.append(face.format(top_right, bottom_right, bottom_left))
                    triangles += 1
            out.write("".join(lines))
    return triangles


def write_scene(path, obj_name, copies=1):
    """The benchmark Cornell box with its meshes replaced by `copies` objects of `obj_name`:
    one in the middle, or several at half size on a grid 12 units apart (they share one
    model, so the tracer instances them)."""
    with open(BASE_SCENE) as base:
        scene = json.load(base)
    scene["objects"] = [o for o in scene["objects"] if o.get("geometry", {}).get("type") != "mesh"]
    columns = math.ceil(math.sqrt(copies))
    for k in range(copies):
        place = [
            {"type": "scale", "scaling": [7, 7, 7]},
            {"type": "rotate_y", "rotation": 30},
            {"type": "translate", "translation": [0, 7.6, 4]},
        ]
        if copies > 1:
            row, column = divmod(k, columns)
            offset = [12 * column - 6 * (columns - 1), 0, 12 * row - 6 * (columns - 1)]
            place = [{"type": "scale", "scaling": 0.5}] + place + [{"type": "translate", "translation": offset}]
        scene["objects"].append({
            "name": "bumpy_sphere" if copies == 1 else f"bumpy_sphere_{k}",
            "type": "receiver",
            "material": "white_plastic",
            "geometry": {"type": "mesh", "file": obj_name, "model": "Mesh"},
            "transform": place,
        })
    with open(path, "w") as out:
        json.dump(scene, out, indent=2)
        out.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("triangles", type=parse_count, help="triangle count, e.g. 100k, 1M, 3M")
    parser.add_argument("--out", default="/tmp/tracer-mesh-scenes", help="output folder")
    parser.add_argument("--no-normals", action="store_true", help="write no vn lines")
    parser.add_argument("--no-uvs", action="store_true", help="write no vt lines")
    parser.add_argument("--copies", type=int, default=1,
                        help="objects showing the mesh (default 1; the scene is then mesh-<count>-x<copies>.json)")
    parser.add_argument("--dry-run", action="store_true", help="only print what would be written")
    args = parser.parse_args()

    segments, rings = grid_for(args.triangles)
    count = 2 * segments * (rings - 1)
    stem = f"mesh-{count}"
    obj_path = os.path.join(args.out, stem + ".obj")
    suffix = "" if args.copies == 1 else f"-x{args.copies}"
    scene_path = os.path.join(args.out, stem + suffix + ".json")
    if not args.dry_run:
        os.makedirs(args.out, exist_ok=True)
        written = write_obj(obj_path, segments, rings, normals=not args.no_normals, uvs=not args.no_uvs)
        assert written == count, (written, count)
        write_scene(scene_path, stem + ".obj", copies=args.copies)
    if count != args.triangles:
        print(f"note: {args.triangles} triangles cannot be made exactly; using {count}", file=sys.stderr)
    print(f"{count} triangles, {(segments + 1) * (rings + 1)} vertices ({segments} x {rings} grid)")
    print(obj_path)
    print(scene_path)


if __name__ == "__main__":
    main()
