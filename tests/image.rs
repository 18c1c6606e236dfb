//! Photo preparation against the sample photos in `assets/photos`.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use brochure::image::{
    ImageData, ImageError, Placement, PreparedImage, effective_ppi, prepare, probe,
};
use image::{DynamicImage, ImageBuffer, ImageDecoder, ImageReader, Luma, LumaA, Rgb, RgbImage};

const MM: f32 = 72.0 / 25.4;

fn photo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/photos")
        .join(name)
}

/// A fresh directory for files a test writes.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brochure-image-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A placement `width_mm` wide with the photo's own aspect ratio.
fn placement(path: &Path, width_mm: f32, max_ppi: f32) -> Placement {
    let (w, h) = probe(path).unwrap();
    Placement {
        width_pt: width_mm * MM,
        height_pt: width_mm * MM * h as f32 / w as f32,
        max_ppi,
    }
}

/// Decodes whatever `prepare` produced back to pixels.
fn pixels(img: &PreparedImage) -> DynamicImage {
    match &img.data {
        ImageData::Jpeg { bytes, .. } => ImageReader::new(Cursor::new(bytes.as_slice()))
            .with_guessed_format()
            .unwrap()
            .decode()
            .unwrap(),
        ImageData::Raster {
            channels, pixels, ..
        } => match channels {
            1 => DynamicImage::ImageLuma8(
                ImageBuffer::from_raw(img.width, img.height, pixels.to_vec()).unwrap(),
            ),
            _ => DynamicImage::ImageRgb8(
                ImageBuffer::from_raw(img.width, img.height, pixels.to_vec()).unwrap(),
            ),
        },
    }
}

/// The image as it is shown: the stored pixels turned by the EXIF orientation the PDF
/// writer applies when drawing.
fn displayed(img: &PreparedImage) -> DynamicImage {
    let mut p = pixels(img);
    let o = image::metadata::Orientation::from_exif(img.orientation).unwrap();
    p.apply_orientation(o);
    p
}

/// Mean R, G, B of rows `rows` of an image.
fn mean_rgb(img: &RgbImage, rows: std::ops::Range<u32>) -> [f64; 3] {
    let mut sum = [0f64; 3];
    let mut n = 0f64;
    for y in rows {
        for x in 0..img.width() {
            let p = img.get_pixel(x, y);
            for c in 0..3 {
                sum[c] += f64::from(p[c]);
            }
            n += 1.0;
        }
    }
    sum.map(|s| s / n)
}

/// Mean absolute difference per channel of two equally sized RGB images.
fn mean_abs_diff(a: &RgbImage, b: &RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len() as f64
}

#[test]
fn effective_ppi_is_pixels_per_inch() {
    assert_eq!(effective_ppi(300, 72.0), 300.0);
    assert!((effective_ppi(1181, 100.0 * MM) - 300.0).abs() < 0.1);
    assert_eq!(effective_ppi(10, 0.0), f32::INFINITY);
}

#[test]
fn jpeg_at_print_resolution_passes_through_unchanged() {
    let path = photo("paint-brushes.jpg");
    // 1365 × 1074 pixels at 250 ppi: below 1.5 × 300.
    let at_250 = Placement {
        width_pt: 1365.0 / 250.0 * 72.0,
        height_pt: 1074.0 / 250.0 * 72.0,
        max_ppi: 300.0,
    };
    for placement in [Some(at_250), None] {
        let img = prepare(&path, placement).unwrap();
        assert_eq!((img.width, img.height), (1365, 1074));
        let ImageData::Jpeg {
            bytes,
            components,
            adobe_inverted,
        } = &img.data
        else {
            panic!("expected a JPEG passthrough");
        };
        assert_eq!(**bytes, std::fs::read(&path).unwrap());
        assert_eq!((*components, *adobe_inverted), (3, false));
        assert_eq!(img.source, path);
    }
}

#[test]
fn exif_orientation_is_applied() {
    let path = photo("dogs-at-window-exif-orientation-6.jpg");
    assert_eq!(probe(&path).unwrap(), (2048, 3088));

    // At print size it needs no resampling: embedded as stored, byte for byte, and
    // turned by the page (losslessly) when drawn.
    let img = prepare(&path, None).unwrap();
    assert_eq!((img.width, img.height), (2048, 3088));
    assert_eq!(img.orientation, 6);
    let ImageData::Jpeg {
        bytes, components, ..
    } = &img.data
    else {
        panic!("expected a JPEG passthrough");
    };
    assert_eq!(*components, 3);
    assert_eq!(**bytes, std::fs::read(&path).unwrap());

    // The pixels match the image crate's own orientation handling, so the photo
    // was turned the right way and not merely given swapped dimensions.
    let mut decoder = ImageReader::open(&path).unwrap().into_decoder().unwrap();
    let orientation = decoder.orientation().unwrap();
    let mut reference = DynamicImage::from_decoder(decoder).unwrap();
    reference.apply_orientation(orientation);
    let small = |i: &DynamicImage| i.thumbnail_exact(128, 193).to_rgb8();
    let ours = small(&displayed(&img));
    assert!(mean_abs_diff(&ours, &small(&reference)) < 3.0);
    // Against the photo turned the other way the difference is large.
    let mut wrong = reference.clone();
    wrong.apply_orientation(image::metadata::Orientation::Rotate180);
    assert!(mean_abs_diff(&ours, &small(&wrong)) > 10.0);
}

#[test]
fn oversized_rotated_jpeg_is_downsampled_in_proportion() {
    let path = photo("dogs-at-window-exif-orientation-6.jpg");
    let img = prepare(&path, Some(placement(&path, 50.0, 300.0))).unwrap();
    // 50 mm at 300 ppi is 591 pixels; the height keeps the 2048:3088 ratio.
    assert!(img.width.abs_diff(591) <= 1, "{}", img.width);
    assert!(img.height.abs_diff(891) <= 1, "{}", img.height);
    assert!(matches!(img.data, ImageData::Jpeg { .. }));
}

#[test]
fn adobe_cmyk_jpeg_passes_through_marked_inverted() {
    let path = photo("mountains-picos-de-europa-cmyk.jpg");
    assert_eq!(probe(&path).unwrap(), (2400, 1800));
    let img = prepare(&path, Some(placement(&path, 180.0, 300.0))).unwrap();
    assert!(img.is_cmyk());
    let ImageData::Jpeg {
        bytes,
        components,
        adobe_inverted,
    } = &img.data
    else {
        panic!("expected a JPEG passthrough");
    };
    assert_eq!((*components, *adobe_inverted), (4, true));
    assert_eq!(**bytes, std::fs::read(&path).unwrap());
}

#[test]
fn cmyk_converted_to_rgb_has_natural_colours() {
    let path = photo("mountains-picos-de-europa-cmyk.jpg");
    let img = prepare(&path, None).unwrap().without_cmyk().unwrap();
    assert!(!img.is_cmyk());
    assert_eq!((img.width, img.height), (2400, 1800));
    let rgb = pixels(&img).to_rgb8();
    let sky = mean_rgb(&rgb, 0..180);
    let ground = mean_rgb(&rgb, 1620..1800);
    // A blue sky above green grass and a brown path. A colour negative would give
    // an orange sky above purple ground.
    assert!(sky[2] > sky[0] + 40.0, "sky {sky:?}");
    assert!(
        ground[1] > ground[2] && ground[0] > ground[2],
        "ground {ground:?}"
    );

    // Downsampling decodes too, and must give the same colours.
    let small = prepare(&path, Some(placement(&path, 50.0, 300.0))).unwrap();
    assert!(!small.is_cmyk());
    let small_sky = mean_rgb(&pixels(&small).to_rgb8(), 0..small.height / 10);
    for c in 0..3 {
        assert!(
            (small_sky[c] - sky[c]).abs() < 6.0,
            "{small_sky:?} vs {sky:?}"
        );
    }
}

#[test]
fn rgba_png_keeps_its_alpha() {
    let img = prepare(&photo("cat-chelsea-rgba-cutout.png"), None).unwrap();
    assert_eq!((img.width, img.height), (451, 300));
    let ImageData::Raster {
        channels,
        pixels,
        alpha,
        ..
    } = &img.data
    else {
        panic!("expected raster");
    };
    assert_eq!(*channels, 3);
    assert_eq!(pixels.len(), 451 * 300 * 3);
    let alpha = alpha.as_ref().expect("alpha");
    assert_eq!(alpha.len(), 451 * 300);
    // Transparent corners, opaque centre.
    assert_eq!(alpha[0], 0);
    assert_eq!(alpha[150 * 451 + 225], 255);
}

#[test]
fn oversized_png_with_alpha_stays_a_raster_with_alpha() {
    let path = photo("cat-chelsea-rgba-cutout.png");
    let img = prepare(&path, Some(placement(&path, 20.0, 300.0))).unwrap();
    // 20 mm at 300 ppi is 236 pixels.
    assert!(img.width.abs_diff(236) <= 1, "{}", img.width);
    let ImageData::Raster { alpha, pixels, .. } = &img.data else {
        panic!("expected raster");
    };
    let alpha = alpha.as_ref().expect("alpha");
    assert_eq!(alpha.len() as u32, img.width * img.height);
    assert_eq!(pixels.len() as u32, img.width * img.height * 3);
}

#[test]
fn grayscale_and_rgb_pngs() {
    let gray = prepare(&photo("cameraman-grayscale.png"), None).unwrap();
    assert!(matches!(
        gray.data,
        ImageData::Raster {
            channels: 1,
            alpha: None,
            ..
        }
    ));
    let rgb = prepare(&photo("astronaut-eileen-collins.png"), None).unwrap();
    assert!(matches!(
        rgb.data,
        ImageData::Raster {
            channels: 3,
            alpha: None,
            ..
        }
    ));
    assert_eq!((rgb.width, rgb.height), (512, 512));
}

#[test]
fn sixteen_bit_pngs_become_eight_bit() {
    let dir = scratch("sixteen");
    let rgb_path = dir.join("gradient16.png");
    let rgb: ImageBuffer<Rgb<u16>, Vec<u16>> =
        ImageBuffer::from_fn(64, 32, |x, _| Rgb([65535, (x as u16) * 1040, 0]));
    rgb.save(&rgb_path).unwrap();
    let gray_path = dir.join("gray-alpha16.png");
    let gray: ImageBuffer<LumaA<u16>, Vec<u16>> =
        ImageBuffer::from_fn(8, 8, |x, _| LumaA([32896, if x < 4 { 0 } else { 65535 }]));
    gray.save(&gray_path).unwrap();

    let img = prepare(&rgb_path, None).unwrap();
    let ImageData::Raster {
        channels, pixels, ..
    } = &img.data
    else {
        panic!("expected raster");
    };
    assert_eq!((*channels, pixels.len()), (3, 64 * 32 * 3));
    assert_eq!(&pixels[..3], &[255, 0, 0]);
    // 63 × 1040 = 65520 of 65535.
    assert_eq!(&pixels[63 * 3..64 * 3], &[255, 255, 0]);

    let img = prepare(&gray_path, None).unwrap();
    let ImageData::Raster {
        channels,
        pixels,
        alpha,
        ..
    } = &img.data
    else {
        panic!("expected raster");
    };
    assert_eq!(*channels, 1);
    assert!(pixels.iter().all(|&p| p == 128));
    let alpha = alpha.as_ref().expect("alpha");
    assert_eq!(&alpha[..8], &[0, 0, 0, 0, 255, 255, 255, 255]);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn opaque_alpha_is_dropped() {
    let dir = scratch("opaque");
    let path = dir.join("opaque.png");
    let img: ImageBuffer<LumaA<u8>, Vec<u8>> = ImageBuffer::from_pixel(4, 4, LumaA([9, 255]));
    img.save(&path).unwrap();
    let prepared = prepare(&path, None).unwrap();
    assert!(matches!(
        prepared.data,
        ImageData::Raster {
            channels: 1,
            alpha: None,
            ..
        }
    ));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn huge_jpeg_is_downsampled_to_max_ppi() {
    let path = photo("dandelions-seeding-5312x2988.jpg");
    let img = prepare(&path, Some(placement(&path, 100.0, 300.0))).unwrap();
    // 100 mm = 3.937 in; × 300 ppi = 1181 pixels.
    assert!(img.width.abs_diff(1181) <= 1, "{}", img.width);
    assert!(img.height.abs_diff(664) <= 1, "{}", img.height);
    let ImageData::Jpeg {
        bytes, components, ..
    } = &img.data
    else {
        panic!("expected a JPEG");
    };
    assert_eq!(*components, 3);
    assert!(bytes.len() < 1_485_159 / 2, "{} bytes", bytes.len());
    let decoded = pixels(&img);
    assert_eq!((decoded.width(), decoded.height()), (img.width, img.height));
    // Printed large it is left alone.
    let big = prepare(&path, Some(placement(&path, 450.0, 300.0))).unwrap();
    assert_eq!((big.width, big.height), (5312, 2988));
}

#[test]
fn probe_agrees_with_prepare() {
    for name in [
        "paint-brushes.jpg",
        "dogs-at-window-exif-orientation-6.jpg",
        "mountains-picos-de-europa-cmyk.jpg",
        "cat-chelsea-rgba-cutout.png",
        "cameraman-grayscale.png",
        "astronaut-eileen-collins.png",
        "retina-fundus.jpg",
    ] {
        let path = photo(name);
        let img = prepare(&path, None).unwrap();
        assert_eq!(probe(&path).unwrap(), (img.width, img.height), "{name}");
    }
    assert_eq!(
        probe(&photo("dandelions-seeding-5312x2988.jpg")).unwrap(),
        (5312, 2988)
    );
}

#[test]
fn clones_share_pixel_buffers() {
    let img = prepare(&photo("cameraman-grayscale.png"), None).unwrap();
    let copy = img.clone();
    match (&img.data, &copy.data) {
        (ImageData::Raster { pixels: a, .. }, ImageData::Raster { pixels: b, .. }) => {
            assert!(Arc::ptr_eq(a, b));
        }
        _ => panic!("expected raster"),
    }
}

#[test]
fn missing_file_names_the_path() {
    let path = photo("no-such-photo.jpg");
    for err in [prepare(&path, None).unwrap_err(), probe(&path).unwrap_err()] {
        assert!(matches!(err, ImageError::NotFound { .. }), "{err:?}");
        assert_eq!(err.path(), path);
        assert!(err.to_string().contains("no-such-photo.jpg"), "{err}");
        assert!(!err.help().is_empty());
    }
}

#[test]
fn text_file_named_jpg_is_rejected_clearly() {
    let dir = scratch("text");
    let path = dir.join("notes.jpg");
    std::fs::write(&path, "These are my notes, not a photo.\n").unwrap();
    let err = prepare(&path, None).unwrap_err();
    assert!(
        matches!(err, ImageError::UnsupportedFormat { .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("notes.jpg"), "{message}");
    assert!(message.contains("not a JPEG or PNG"), "{message}");
    assert!(message.contains("text"), "{message}");
    assert!(err.help().contains("JPEG"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn other_formats_are_named() {
    let dir = scratch("gif");
    let path = dir.join("anim.png");
    std::fs::write(&path, b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff").unwrap();
    let err = probe(&path).unwrap_err();
    assert!(err.to_string().contains("GIF"), "{err}");
    let folder = prepare(&dir, None).unwrap_err();
    assert!(
        matches!(folder, ImageError::Unreadable { .. }),
        "{folder:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn damaged_jpegs_are_reported() {
    let dir = scratch("damaged");
    let original = std::fs::read(photo("paint-brushes.jpg")).unwrap();
    let cut = dir.join("cut.jpg");
    std::fs::write(&cut, &original[..original.len() / 2]).unwrap();
    let err = prepare(&cut, None).unwrap_err();
    assert!(
        matches!(err, ImageError::Corrupt { format: "JPEG", .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("cut short"), "{err}");

    let header_only = dir.join("header.jpg");
    std::fs::write(&header_only, &original[..20]).unwrap();
    assert!(matches!(
        probe(&header_only).unwrap_err(),
        ImageError::Corrupt { .. }
    ));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn too_many_pixels_are_refused_before_decoding() {
    let dir = scratch("huge");
    let path = dir.join("huge.jpg");
    // SOI, a frame header claiming 20000 × 20000 RGB pixels, an empty scan, EOI.
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 17, 8, 0x4E, 0x20, 0x4E, 0x20, 3,
    ];
    for id in 1..=3 {
        bytes.extend_from_slice(&[id, 0x11, 0]);
    }
    bytes.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]);
    std::fs::write(&path, &bytes).unwrap();
    for err in [probe(&path).unwrap_err(), prepare(&path, None).unwrap_err()] {
        assert!(
            matches!(
                err,
                ImageError::TooLarge {
                    width: 20000,
                    height: 20000,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("400 megapixels"), "{err}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn grayscale_jpeg_rotation_stays_gray() {
    let dir = scratch("grayjpeg");
    let path = dir.join("gray.jpg");
    let gray: ImageBuffer<Luma<u8>, Vec<u8>> =
        ImageBuffer::from_fn(40, 20, |x, _| Luma([(x * 6) as u8]));
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 95)
        .encode_image(&gray)
        .unwrap();
    // Splice in an EXIF segment with orientation 8 (rotate 270° clockwise).
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08\0\x01".to_vec();
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0]);
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    app1.extend_from_slice(&exif);
    bytes.splice(2..2, app1);
    std::fs::write(&path, &bytes).unwrap();

    assert_eq!(probe(&path).unwrap(), (20, 40));
    let img = prepare(&path, None).unwrap();
    assert_eq!((img.width, img.height), (20, 40));
    assert!(matches!(img.data, ImageData::Jpeg { components: 1, .. }));
    // Turned 270° clockwise, the dark left edge is now at the bottom.
    assert_eq!(img.orientation, 8);
    let luma = displayed(&img).to_luma8();
    assert!(luma.get_pixel(10, 39)[0] < 30 && luma.get_pixel(10, 0)[0] > 200);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_rotated_jpeg_that_must_shrink_is_turned_upright_in_its_pixels() {
    let path = photo("dogs-at-window-exif-orientation-6.jpg");
    let img = prepare(&path, Some(placement(&path, 50.0, 300.0))).unwrap();
    assert_eq!(img.orientation, 1, "resampled pixels are stored upright");
    let mut decoder = ImageReader::open(&path).unwrap().into_decoder().unwrap();
    let orientation = decoder.orientation().unwrap();
    let mut reference = DynamicImage::from_decoder(decoder).unwrap();
    reference.apply_orientation(orientation);
    let small = |i: &DynamicImage| i.thumbnail_exact(64, 96).to_rgb8();
    assert!(mean_abs_diff(&small(&pixels(&img)), &small(&reference)) < 4.0);
}
