fn main() {
    use shared::*;
    use core::mem::{offset_of, size_of, align_of};
    unsafe {
        println!("{} {} {} {}", size_of::<list>(), size_of::<anon_t>(), offset_of!(anon_t, s),
                 size_of::<ops>());
        println!("{} {} {} {}", size_of::<flex>(), offset_of!(flex, data), size_of::<pk>(),
                 offset_of!(pk, s));
        println!("{} {} {} {}", size_of::<al>(), align_of::<al>(), size_of::<mixed>(),
                 offset_of!(mixed, bytes));
        println!("{} {} {}", size_of::<ptr_bf>(), size_of::<pk2>(), offset_of!(pk2, l));
        println!("{} {} {} {} {}", RED, GREEN, BLUE, M1, Z);
        let name = core::ffi::CStr::from_ptr(NAME).to_str().unwrap();
        println!("{} {} {} {} {} {}", N, name, hexf(HALF as f64), BIG, NEG, U32_ALL);
        let t = &*core::ptr::addr_of!(table);
        println!("{} {} {} {} {} {}", t[0], t[1], t[2], t[3], t[4], t[5]);
        let hn = core::ffi::CStr::from_ptr(head.name.as_ptr()).to_str().unwrap();
        println!("{} {} {} {}", head.v, hn, head.next.is_null() as i32, my_ops.cmp.is_none() as i32);
        let m = core::ffi::CStr::from_ptr(msg).to_str().unwrap();
        let relaxed = core::sync::atomic::Ordering::Relaxed;  // scalar globals are atomics
        println!("{} {} {} {} {}", m, *pp, small.load(relaxed), hexf(f64::from_bits(dbl.load(relaxed))),
                 counter.load(relaxed));
        let pn = core::ffi::CStr::from_ptr(p_name).to_str().unwrap();
        let rel = (*p_ops).release.map(|f| f as usize) == Some(free as usize);
        println!("{} {} {} {}", *p_member, pn, (*p_self).v, rel as i32);
        let (n, r) = (&*core::ptr::addr_of!(nested), &*core::ptr::addr_of!(ranged));
        println!("{} {} {} {} {} {}", n.i.a, n.i.b, n.arr[0], n.arr[1], n.arr[2],
                 r[0] + r[1] * 10 + r[3] * 100 + r[4] * 1000 + r[5] * 10000 + r[6] * 100000);
        let p = &*core::ptr::addr_of!(pts);
        println!("{} {} {} {} {}", p[0].x, p[1].y, p[2].x, p[2].y, p[1].x);
        println!("{} {} {}", u_first.i, u_str.i, u_last.i);
        let (g, e) = (&*core::ptr::addr_of!(grid2), &*core::ptr::addr_of!(els));
        println!("{} {} {} {} {} {}", g[0][2], g[1][0], g[1][1], e[0].r#in.q, e[0].s[1], e[1].a[0]);
        println!("{} {}", zf.l.v, zf.k);
        let lh = &raw mut lhead;
        let circular = (*lh).next == lh && (*lh).prev == lh;
        let span = table_end.offset_from(core::ptr::addr_of_mut!(table) as *mut i8);
        println!("{} {} {} {} {}", circular as i32, span, *last, *before_last, *fifth);
    }
}
